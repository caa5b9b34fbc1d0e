package telegram

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/sample"
)

func sampleExport(t testing.TB) []byte {
	t.Helper()
	b, err := fs.ReadFile(sample.FS, "telegram-lotus-news-result.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseExportSample(t *testing.T) {
	e, err := ParseExport(bytes.NewReader(sampleExport(t)))
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Daily Lotus News" || e.Type != "public_channel" || e.ID != 1987654321 {
		t.Errorf("header %q %q %d", e.Name, e.Type, e.ID)
	}
	var ids []int64
	for _, m := range e.Messages {
		ids = append(ids, m.ID)
	}
	// Service messages 1 and 7 are skipped; 6 is a photo without text and
	// stays (the pipeline decides what to do with an empty text).
	if want := []int64{2, 3, 4, 5, 6}; !slices.Equal(ids, want) {
		t.Fatalf("ids %v, want %v", ids, want)
	}
	m := e.Messages[0]
	wantText := "សមាជិកគណបក្សផ្កាយព្រឹកជាង៣០០នាក់ នៅស្រុកស្ទឹងត្រង់ ខេត្តកំពង់ចាម ចូលរួមជាមួយគណបក្សសាមគ្គីជាតិ ក្រោមអធិបតីភាពឯកឧត្តម ប្រាក់ សុខុម។ អានបន្ត\n#នយោបាយ"
	if m.Text != wantText {
		t.Errorf("text\n%q\nwant\n%q", m.Text, wantText)
	}
	if want := []string{"https://lotus-news.example/km/politics/2025/03/13/morning-star-members-join-harmony/"}; !slices.Equal(m.Links, want) {
		t.Errorf("links %q", m.Links)
	}
	if want := time.Date(2025, 3, 13, 9, 45, 0, 0, Cambodia); !m.Date.Equal(want) || m.Date.Location() != Cambodia {
		t.Errorf("date %v, want %v", m.Date, want)
	}
	if m.Media != "photos/photo_2@13-03-2025_09-45-00.jpg" || m.MediaType != "photo" || m.From != "Daily Lotus News" {
		t.Errorf("media %q %q from %q", m.Media, m.MediaType, m.From)
	}
	if !strings.HasPrefix(e.Messages[1].Text, "ពោធិ៍សាត់៖ កាលពីថ្ងៃទី២៧") {
		t.Errorf("bold entity lost: %q", e.Messages[1].Text)
	}
	fw := e.Messages[2]
	if fw.ForwardedFrom != "Mekong Watch Weekly" || !slices.Equal(fw.Links, []string{"https://mekong-watch.example/news/deputy-president-resigns"}) {
		t.Errorf("forward %q links %q", fw.ForwardedFrom, fw.Links)
	}
	if want := time.Date(2025, 5, 18, 11, 2, 0, 0, Cambodia); !e.Messages[3].Edited.Equal(want) {
		t.Errorf("edited %v", e.Messages[3].Edited)
	}
	if e.Messages[4].Text != "" || e.Messages[4].Media == "" {
		t.Errorf("photo-only message: %+v", e.Messages[4])
	}
}

func TestBOM(t *testing.T) {
	e, err := ParseExport(bytes.NewReader(append([]byte("\xef\xbb\xbf"), sampleExport(t)...)))
	if err != nil || len(e.Messages) != 5 {
		t.Fatalf("export with a BOM: %v", err)
	}
}

func TestOldFormatTextArrays(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "old-format-result.json"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := ParseExport(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Messages) != 2 {
		t.Fatalf("%d messages, want 2", len(e.Messages))
	}
	m := e.Messages[0]
	if want := "តុលាការបានផ្ដន្ទាទោសលោក យឹម ដារ៉ា កំបាំងមុខ។ អានបន្ត៖ https://mekong-watch.example/news/yim-dara-convicted-in-absentia ភាសាអង់គ្លេស (គំរូប្រឌិត)"; m.Text != want {
		t.Errorf("text\n%q\nwant\n%q", m.Text, want)
	}
	// The same URL as a link and a text_link is listed once.
	if len(m.Links) != 1 {
		t.Errorf("links %q", m.Links)
	}
	// Without date_unixtime the local date is read as Cambodian time.
	if want := time.Date(2025, 6, 10, 14, 30, 0, 0, Cambodia); !m.Date.Equal(want) {
		t.Errorf("date %v", m.Date)
	}
	f := e.Messages[1]
	if f.From != "" || f.Media != "files/statement.pdf" || f.MediaType != "application/pdf" || f.ReplyTo != 40 {
		t.Errorf("file message %+v", f)
	}
}

func TestMessageURL(t *testing.T) {
	m := Message{ID: 42}
	tests := []struct {
		e    *Export
		want string
	}{
		{&Export{ID: 1987654321, Username: "lotusnews_sample"}, "https://t.me/lotusnews_sample/42"},
		{&Export{ID: 1987654321, Username: "@lotusnews_sample"}, "https://t.me/lotusnews_sample/42"},
		{&Export{ID: 1987654321}, "telegram:1987654321/42"},
		{nil, "telegram:0/42"},
	}
	for _, tt := range tests {
		if got := m.URL(tt.e); got != tt.want {
			t.Errorf("URL = %q, want %q", got, tt.want)
		}
	}
}

func TestParseExportErrors(t *testing.T) {
	full := sampleExport(t)
	tests := []struct {
		name string
		in   []byte
		is   error
		want string
	}{
		{"empty", nil, ErrNotExport, "want a JSON object"},
		{"array", []byte(`[1,2]`), ErrNotExport, "want a JSON object"},
		{"no messages", []byte(`{"name":"x","id":1}`), ErrNotExport, "no \"messages\""},
		{"account export", []byte(`{"about":"x","chats":{"list":[]}}`), ErrNotExport, "whole-account"},
		{"truncated", full[:len(full)/2], nil, "truncated"},
		{"messages not array", []byte(`{"messages":{}}`), nil, "malformed"},
		{"bad message", []byte(`{"messages":[{"id":"x"}]}`), nil, "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExport(bytes.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) || record.ErrorCode(err) != record.EInvalid {
				t.Fatalf("err = %v, want invalid containing %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
		})
	}
}

// TestWalkBoundsMemory feeds a message larger than MaxMessageSize through
// a generated stream: Walk must refuse it without reading the rest.
func TestWalkBoundsMemory(t *testing.T) {
	head := strings.NewReader(`{"name":"x","id":1,"messages":[{"id":1,"type":"message","text":"`)
	body := io.LimitReader(repeatReader('a'), MaxMessageSize*2)
	r := io.MultiReader(head, body, strings.NewReader(`"}]}`))
	_, err := ParseExport(r)
	if err == nil || !strings.Contains(err.Error(), "over 16 MiB") {
		t.Fatalf("err = %v", err)
	}
}

type repeatReader byte

func (c repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

// TestWalkStopsOnCallbackError: an error from fn ends the walk unchanged.
func TestWalkStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	_, err := Walk(bytes.NewReader(sampleExport(t)), func(e *Export, m Message) error {
		n++
		if e.Name != "Daily Lotus News" {
			t.Errorf("header not set before messages: %+v", e)
		}
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("err %v after %d messages", err, n)
	}
}

func FuzzParseExport(f *testing.F) {
	f.Add(sampleExport(f))
	b, _ := os.ReadFile(filepath.Join("testdata", "old-format-result.json"))
	f.Add(b)
	f.Add([]byte(`{"messages":[{"id":1,"type":"message","text":[{"type":"text_link"},"x",3,null]}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		e, err := ParseExport(bytes.NewReader(in))
		if err != nil {
			if record.ErrorCode(err) != record.EInvalid {
				t.Fatalf("error without the invalid code: %v", err)
			}
			return
		}
		for _, m := range e.Messages {
			if strings.HasPrefix(m.Text, " ") || strings.HasSuffix(m.Text, " ") {
				t.Fatalf("untrimmed text %q", m.Text)
			}
			if !strings.HasPrefix(m.URL(e), "telegram:") {
				t.Fatalf("URL %q", m.URL(e))
			}
		}
	})
}
