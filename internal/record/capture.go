package record

import "time"

// OutletKind classifies who publishes.
type OutletKind string

const (
	OutletOfficial      OutletKind = "official"       // government, Royal Gazette, ministries
	OutletProGovernment OutletKind = "pro-government" // Fresh News, Rasmei Kampuchea, Khmer Times…
	OutletIndependent   OutletKind = "independent"    // CamboJA, VOD, RFA…
	OutletParty         OutletKind = "party"          // a party's own channels
	OutletMonitor       OutletKind = "monitor"        // COMFREL, LICADHO, HRW…
	OutletSocial        OutletKind = "social"         // a personal Facebook or Telegram account
	OutletUnknown       OutletKind = "unknown"
)

// OutletKinds lists the valid kinds in display order.
var OutletKinds = []OutletKind{OutletOfficial, OutletProGovernment, OutletIndependent, OutletParty, OutletMonitor, OutletSocial, OutletUnknown}

// Outlet is who publishes documents.
type Outlet struct {
	ID      string     `json:"id"` // stable slug, e.g. "fresh-news"
	Names   Names      `json:"names"`
	Kind    OutletKind `json:"kind"`
	Langs   []string   `json:"langs,omitempty"`
	Domains []string   `json:"domains,omitempty"` // host names whose pages belong to the outlet
	Feeds   []string   `json:"feeds,omitempty"`
}

// ArchiveRef locates the exact captured bytes of a document version in the
// WARC archive under the data directory.
type ArchiveRef struct {
	File     string `json:"file"`      // path relative to the archive directory
	Offset   int64  `json:"offset"`    // byte offset of the (gzip member of the) record
	Length   int64  `json:"length"`    // compressed length of the record's gzip member
	RecordID string `json:"record_id"` // WARC-Record-ID, "<urn:uuid:…>"
}

// Document flags: conditions found when reading a capture that a reader or
// editor should know about.
const (
	FlagLegacyFont   = "legacy-khmer-font" // text typed in a non-Unicode Khmer font
	FlagInvalidUTF8  = "invalid-utf8"      // bytes were replaced while decoding
	FlagTruncated    = "truncated"         // the download stopped at the size limit
	FlagNoText       = "no-text"           // nothing readable was found (a scan needing OCR?)
	FlagLegacyEncode = "legacy-encoding"   // decoded from an 8-bit charset
)

// Document is one captured item in its latest version. Its ID is stable
// across versions (derived from the canonical URL or source path); every
// version keeps its own archived bytes.
type Document struct {
	ID           string     `json:"id"`
	URL          string     `json:"url"`           // where it was fetched, or file:// path
	CanonicalURL string     `json:"canonical_url"` // rel=canonical or the URL without tracking noise
	OutletID     string     `json:"outlet_id,omitempty"`
	Title        string     `json:"title,omitempty"`
	Byline       string     `json:"byline,omitempty"`
	Lang         string     `json:"lang,omitempty"` // km, en or mul
	Published    Date       `json:"published,omitzero"`
	PublishedAt  time.Time  `json:"published_at,omitzero"` // when known to the minute
	FetchedAt    time.Time  `json:"fetched_at"`
	Text         string     `json:"text"` // main text, display form, never normalised
	ContentType  string     `json:"content_type,omitempty"`
	SHA256       string     `json:"sha256"` // hex digest of the archived payload
	Size         int64      `json:"size"`   // payload bytes
	Archive      ArchiveRef `json:"archive"`
	Version      int        `json:"version"`               // 1, 2, … as the source changes
	SourceKind   string     `json:"source_kind,omitempty"` // html, feed-item, text, pdf, corpus-json, telegram
	Flags        []string   `json:"flags,omitempty"`
	// ExtractorVersion is the version of the event extractor last run on
	// this document; empty when never extracted.
	ExtractorVersion string `json:"extractor_version,omitempty"`
}

// DocumentVersion is one archived version of a document.
type DocumentVersion struct {
	DocumentID string     `json:"document_id"`
	Version    int        `json:"version"`
	SHA256     string     `json:"sha256"`
	Size       int64      `json:"size"`
	FetchedAt  time.Time  `json:"fetched_at"`
	Title      string     `json:"title,omitempty"`
	Text       string     `json:"text"`
	Archive    ArchiveRef `json:"archive"`
}

// SourceState is the capture ledger entry of one fetched URL: what the
// fetcher needs to be polite next time and to resume after a crash.
type SourceState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastStatus   int       `json:"last_status,omitempty"`
	LastError    string    `json:"last_error,omitempty"`
	Failures     int       `json:"failures"`
	NextAttempt  time.Time `json:"next_attempt,omitzero"`
	CheckedAt    time.Time `json:"checked_at,omitzero"`
	SHA256       string    `json:"sha256,omitempty"` // of the last payload seen
}
