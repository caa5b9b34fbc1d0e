package searchbench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/sqlite"
	"github.com/kamnotra/kamnotra/internal/store"
	storepostgres "github.com/kamnotra/kamnotra/internal/store/postgres"
	storesqlite "github.com/kamnotra/kamnotra/internal/store/sqlite"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
	"github.com/kamnotra/kamnotra/internal/web"
)

// WebOptions of a site benchmark run.
type WebOptions struct {
	Docs        int
	People      int
	Requests    int // per page kind
	Concurrency int
	MaxDuration time.Duration // per page kind
	Work        string
	Seed        uint64
	// Searcher adapts the index to the site, as the serve command does.
	Searcher func(search.Index) web.Searcher
	// Pages names the page kinds to drive besides the baseline: "person",
	// "search"; empty means both.
	Pages []string
	// NoCache serves without the page cache and without keeping facet
	// counts, to measure building every page; NoPageCache without the page
	// cache only, to measure building pages from records and counts kept.
	NoCache, NoPageCache bool
	// DBURL, when set, serves from PostgreSQL: the record in schema
	// kamnotra_webbench_<docs>_<people>_<seed>, the search index in the
	// schema `bench search` builds.
	DBURL string
}

// RunWeb builds (or reuses) a record of o.Docs documents with events
// involving o.People people and a search index of the same corpus, serves
// the site on a loopback port in this process and drives it with a load
// generator: a static asset as the baseline, the person page, the search
// page.
func RunWeb(ctx context.Context, o WebOptions, w io.Writer) error {
	if o.Docs <= 0 || o.People <= 0 || o.Requests <= 0 || o.Concurrency <= 0 {
		return fmt.Errorf("web bench: --docs, --people, --requests and --concurrency must be positive")
	}
	c := NewCorpus(o.Docs, o.Seed)
	opts := web.Options{RatePerSecond: -1, DefaultLang: "km"}
	if o.NoPageCache {
		opts.CacheBytes = -1
	}
	var st store.Store
	var idx search.Index
	var err error
	if o.DBURL != "" {
		st, idx, err = openPostgres(ctx, o, c, &opts, w)
	} else {
		st, idx, err = openSQLite(ctx, o, c, &opts, w)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	defer idx.Close()
	if o.Searcher != nil {
		opts.Searcher = o.Searcher(idx)
	}
	h := web.NewServer(st, opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	asset, err := stylesheet(ctx, base)
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(o.Seed, 5))
	people := make([]string, 0, 1000)
	for range 1000 {
		people = append(people, fmt.Sprintf("/people/%s?lang=km", personID(r.IntN(o.People))))
	}
	var searches []string
	for _, q := range c.Queries(1000, o.Seed+1) {
		searches = append(searches, "/search?lang=km&q="+url.QueryEscape(q.Text))
	}
	type kind struct {
		name  string
		paths []string
	}
	kinds := []kind{{"static (baseline)", []string{asset}}}
	if len(o.Pages) == 0 || slices.Contains(o.Pages, "person") {
		kinds = append(kinds, kind{"person page", people})
	}
	if len(o.Pages) == 0 || slices.Contains(o.Pages, "search") {
		kinds = append(kinds, kind{"search page", searches})
	}
	cache := "page cache and facet counts kept"
	switch {
	case o.NoCache:
		cache = "nothing cached"
	case o.NoPageCache:
		cache = "no page cache; records and facet counts kept"
	}
	fmt.Fprintf(w, "\nweb: %d documents, %d people; %d requests per page kind, %d concurrent, loopback, %s; load average %s\n",
		o.Docs, o.People, o.Requests, o.Concurrency, cache, LoadAvg())
	fmt.Fprintln(w, "| page | requests | errors | req/s | p50 ms | p99 ms | req/s ÷ baseline | p99 ÷ baseline | CPU ms/request (server and client) | req/s if it had 2 idle cores |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	var baseline LoadResult
	for i, k := range kinds {
		// Warm caches and connections first.
		Drive(ctx, base, k.paths, min(200, o.Requests), o.Concurrency, o.MaxDuration)
		res := Drive(ctx, base, k.paths, o.Requests, o.Concurrency, o.MaxDuration)
		if i == 0 {
			baseline = res
		}
		fmt.Fprintf(w, "| %s | %d | %d | %.0f | %s | %s | %.3f | %s | %.3f | %.0f |\n", k.name, res.N, res.Errors, res.PerSecond(), ms(res.P50), ms(res.P99),
			res.PerSecond()/baseline.PerSecond(), ratio(res.P99, baseline.P99), float64(res.CPU)/1e6/float64(max(res.N, 1)),
			2*float64(time.Second)/float64(max(res.CPU/time.Duration(max(res.N, 1)), 1)))
	}
	fmt.Fprintf(w, "load average after: %s; peak RSS (server and load generator): %.0f MiB\n", LoadAvg(), PeakRSS())
	return nil
}

// openSQLite opens (building first when missing) the record in a
// directory of o.Work and the search index `bench search` builds there,
// or one of its own.
func openSQLite(ctx context.Context, o WebOptions, c *Corpus, opts *web.Options, w io.Writer) (store.Store, search.Index, error) {
	dir := filepath.Join(o.Work, fmt.Sprintf("web-%d-%d-%d", o.Docs, o.People, o.Seed))
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		os.RemoveAll(dir)
		fmt.Fprintf(w, "web: building the record in %s\n", dir)
		start := time.Now()
		st, err := storeopen.Open(ctx, dir, "")
		if err != nil {
			return nil, nil, err
		}
		err = buildRecord(ctx, st, c, o.People)
		st.Close()
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(w, "web: record built in %s; load average %s\n", time.Since(start).Round(time.Second), LoadAvg())
		if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o644); err != nil {
			return nil, nil, err
		}
	}
	// The search index is the one `bench search` builds, when it exists.
	idxPath := filepath.Join(o.Work, fmt.Sprintf("sqlite-%d-%d", o.Docs, o.Seed), "search.db")
	if _, err := os.Stat(filepath.Join(filepath.Dir(idxPath), "complete")); err != nil {
		idxPath = filepath.Join(dir, "search.db")
		if _, err := os.Stat(filepath.Join(dir, "search-complete")); err != nil {
			idx, err := sqlite.Open(ctx, idxPath, search.KhmerAnalyzer{})
			if err != nil {
				return nil, nil, err
			}
			err = Load(ctx, idx, c, 0, 1000, w)
			idx.Close()
			if err != nil {
				return nil, nil, err
			}
			if err := os.WriteFile(filepath.Join(dir, "search-complete"), nil, 0o644); err != nil {
				return nil, nil, err
			}
		}
	}
	st, err := storeopen.Open(ctx, dir, "")
	if err != nil {
		return nil, nil, err
	}
	idx, err := sqlite.Open(ctx, idxPath, search.KhmerAnalyzer{})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	if !o.NoCache {
		if err := idx.KeepFacetCounts(); err != nil {
			return nil, nil, errors.Join(err, st.Close(), idx.Close())
		}
		// As the serve command does.
		v, err := web.OpenSQLiteVersion(ctx, filepath.Join(dir, storesqlite.FileName))
		if err != nil {
			return nil, nil, errors.Join(err, st.Close(), idx.Close())
		}
		opts.Version = v.Version
		return st, &closing{Index: idx, also: v.Close}, nil
	}
	return st, idx, nil
}

// openPostgres opens (building first when missing) the record and the
// search index in their schemas of o.DBURL.
func openPostgres(ctx context.Context, o WebOptions, c *Corpus, opts *web.Options, w io.Writer) (store.Store, search.Index, error) {
	schema := fmt.Sprintf("kamnotra_webbench_%d_%d_%d", o.Docs, o.People, o.Seed)
	storeURL, pool, err := benchSchema(ctx, o.DBURL, schema, func(u string, _ *pgxpool.Pool) error {
		fmt.Fprintf(w, "web: building the record in schema %s\n", schema)
		start := time.Now()
		st, err := storeopen.Open(ctx, "", u)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := buildRecord(ctx, st, c, o.People); err != nil {
			return err
		}
		fmt.Fprintf(w, "web: record built in %s; load average %s\n", time.Since(start).Round(time.Second), LoadAvg())
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	pool.Close()
	idx, ipool, err := postgresIndex(ctx, o.DBURL, c, w)
	if err != nil {
		return nil, nil, err
	}
	if !o.NoCache {
		if err := idx.KeepFacetCounts(); err != nil {
			ipool.Close()
			return nil, nil, err
		}
	}
	var sidx search.Index = &closing{Index: idx, also: func() error { ipool.Close(); return nil }}
	st, err := storeopen.Open(ctx, "", storeURL)
	if err != nil {
		return nil, nil, errors.Join(err, sidx.Close())
	}
	if !o.NoCache {
		// As the serve command does.
		v, err := storepostgres.OpenVersion(ctx, storeURL)
		if err != nil {
			return nil, nil, errors.Join(err, st.Close(), sidx.Close())
		}
		opts.Version = v.Version
		sidx = &closing{Index: sidx, also: v.Close}
	}
	return st, sidx, nil
}

// closing is an index that closes something else with it.
type closing struct {
	search.Index
	also func() error
}

func (c *closing) Close() error { return errors.Join(c.Index.Close(), c.also()) }

// stylesheet finds the content-hashed path of the site's stylesheet in
// its home page.
func stylesheet(ctx context.Context, base string) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/?lang=km", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`/static/[^"]+\.css`).Find(b)
	if m == nil {
		return "", fmt.Errorf("web bench: no stylesheet link in the home page (status %d)", resp.StatusCode)
	}
	return string(m), nil
}

// LoadResult is what Drive measured.
type LoadResult struct {
	N, Errors int
	Elapsed   time.Duration
	P50, P99  time.Duration
	CPU       time.Duration // of this whole process: server and load generator
}

// PerSecond is completed requests per second.
func (r LoadResult) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.N) / r.Elapsed.Seconds()
}

// Drive sends up to n GET requests for paths (in turn) from conc
// workers, stopping early at maxDur, and times each.
func Drive(ctx context.Context, base string, paths []string, n, conc int, maxDur time.Duration) LoadResult {
	tr := &http.Transport{MaxIdleConns: conc, MaxIdleConnsPerHost: conc, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, maxDur)
	defer cancel()
	var next atomic.Int64
	var errs atomic.Int64
	lat := make([][]time.Duration, conc)
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), cpuTime()
	for wk := range conc {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				t := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+paths[i%len(paths)], nil)
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						errs.Add(1)
					}
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs.Add(1)
				}
				lat[wk] = append(lat[wk], time.Since(t))
			}
		})
	}
	wg.Wait()
	all := slices.Concat(lat...)
	return LoadResult{N: len(all), Errors: int(errs.Load()), Elapsed: time.Since(start), P50: pct(all, .5), P99: pct(all, .99), CPU: cpuTime() - cpu0}
}

func personID(i int) string { return fmt.Sprintf("bp-%05d", i) }

// buildRecord writes outlets, parties, people, the corpus's documents and
// one event for every fifth document, naming one or two people drawn
// with a Zipf law (a few people are in hundreds of events).
func buildRecord(ctx context.Context, st store.Store, c *Corpus, nPeople int) error {
	for i := range 20 {
		kind := []record.OutletKind{record.OutletOfficial, record.OutletProGovernment, record.OutletIndependent, record.OutletMonitor}[i%4]
		if err := st.PutOutlet(ctx, &record.Outlet{ID: fmt.Sprintf("outlet-%02d", i), Kind: kind, Langs: []string{"km", "en"},
			Names: record.Names{{Lang: "en", Script: "Latn", Value: fmt.Sprintf("Outlet %d", i), Kind: record.NameOfficial}}}); err != nil {
			return err
		}
	}
	parties := []string{"bparty-0", "bparty-1", "bparty-2", "bparty-3"}
	for i, id := range parties {
		if err := st.PutOrganisation(ctx, &record.Organisation{ID: id, Kind: record.OrgParty, Status: record.StatusPublished, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: khmerParties[i], Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: englishParties[i], Kind: record.NameOfficial}}}); err != nil {
			return err
		}
	}
	r := rand.New(rand.NewPCG(c.Seed, 3))
	for i := range nPeople {
		km, en := person(r)
		if err := st.PutPerson(ctx, &record.Person{ID: personID(i), Status: record.StatusPublished, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: km, Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: en, Kind: record.NameRomanisation}}}); err != nil {
			return err
		}
		if err := st.PutMembership(ctx, &record.Membership{ID: fmt.Sprintf("bm-%05d", i), PersonID: personID(i), OrgID: parties[i%4],
			Role: "member", Start: record.Date{Year: 2015 + i%10}}); err != nil {
			return err
		}
	}
	zp := rand.NewZipf(r, 1.1, 4, uint64(nPeople-1))
	types := []record.EventType{record.EventDefection, record.EventArrest, record.EventAppointment, record.EventCharge}
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	batch := make([]*record.Document, 0, 500)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := st.SaveCaptures(ctx, batch)
		batch = batch[:0]
		return err
	}
	for i := range c.N {
		d := c.Doc(i)
		sum := sha256.Sum256([]byte(d.Text))
		u := fmt.Sprintf("https://%s.example/news/%d", d.Facets[search.FacetOutlet][0], i)
		lang := d.Facets[search.FacetLang][0]
		if lang == "mixed" {
			lang = "en"
		}
		doc := &record.Document{ID: d.ID, URL: u, CanonicalURL: u, OutletID: d.Facets[search.FacetOutlet][0], Title: d.Title, Lang: lang,
			Published: record.Date{Year: d.Date.Year(), Month: int(d.Date.Month()), Day: d.Date.Day()}, FetchedAt: now, Text: d.Text,
			ContentType: "text/html", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(d.Text)), SourceKind: "html"}
		batch = append(batch, doc)
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return err
			}
		}
		if i%5 == 0 {
			e := &record.Event{ID: fmt.Sprintf("bev-%07d", i), Type: types[i%len(types)], Date: doc.Published,
				Status: record.StatusPublished, FromOrgID: parties[i%4], ToOrgID: parties[(i+1)%4], EvidenceGrade: record.GradeNamed,
				CreatedAt: now, UpdatedAt: now}
			for k := 0; k <= i%2; k++ {
				e.Participants = append(e.Participants, record.Participant{Role: record.ParticipantSubject, PersonID: personID(int(zp.Uint64()))})
			}
			if err := st.PutEvent(ctx, e); err != nil {
				return err
			}
		}
	}
	return flush()
}
