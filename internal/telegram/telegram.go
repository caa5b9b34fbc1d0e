// Package telegram reads the JSON export Telegram Desktop makes of a chat
// or channel (result.json: name, type, id and messages[]). Each ordinary
// message becomes one document in the capture pipeline; service messages
// (channel created, message pinned…) are skipped.
//
// Exports of busy channels reach hundreds of megabytes, so the file is
// read as a token stream: Walk hands over one message at a time and holds
// none of the raw JSON; ParseExport collects the (much smaller) decoded
// messages.
package telegram

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// MaxMessageSize bounds the JSON of one message. Telegram caps a message
// at 4,096 characters of text (a caption at 1,024); 16 MiB is room for any
// entity list and stops a malformed file from being decoded as one value.
const MaxMessageSize = 16 << 20

// Cambodia is UTC+7; export dates without date_unixtime are read in it.
var Cambodia = time.FixedZone("ICT", 7*3600)

// Export is a chat export's header and its messages.
type Export struct {
	Name string // channel or chat title
	Type string // public_channel, private_channel, personal_chat…
	ID   int64  // the channel's numeric ID, without the -100 prefix
	// Username is the channel's public @name, which exports do not
	// record; the caller sets it so messages get t.me URLs.
	Username string
	Messages []Message
}

// Message is one ordinary message of an export.
type Message struct {
	ID            int64     `json:"id"`
	Date          time.Time `json:"date"`                     // in Cambodian time
	Edited        time.Time `json:"edited,omitzero"`          // zero when never edited
	From          string    `json:"from,omitempty"`           // author or channel name as shown
	ForwardedFrom string    `json:"forwarded_from,omitempty"` // original channel or user of a forward
	Text          string    `json:"text"`                     // text entities concatenated as shown
	Links         []string  `json:"links,omitempty"`          // URLs of link and text_link entities, in order, no repeats
	Media         string    `json:"media,omitempty"`          // relative path of the attached photo or file, if any
	MediaType     string    `json:"media_type,omitempty"`     // "photo", or the file's MIME type
	ReplyTo       int64     `json:"reply_to,omitempty"`       // ID of the message replied to, or 0
}

// URL returns a stable URL for the message: https://t.me/<username>/<id>
// when the channel's username is known, else telegram:<channel id>/<id>.
func (m Message) URL(e *Export) string {
	if e != nil && e.Username != "" {
		return "https://t.me/" + strings.TrimPrefix(e.Username, "@") + "/" + strconv.FormatInt(m.ID, 10)
	}
	var id int64
	if e != nil {
		id = e.ID
	}
	return "telegram:" + strconv.FormatInt(id, 10) + "/" + strconv.FormatInt(m.ID, 10)
}

// ErrNotExport is wrapped by the error for JSON that is no chat export.
var ErrNotExport = errors.New("not a Telegram chat export")

// ParseExport reads a whole export into memory, decoded.
func ParseExport(r io.Reader) (*Export, error) {
	var msgs []Message
	e, err := Walk(r, func(_ *Export, m Message) error {
		msgs = append(msgs, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	e.Messages = msgs
	return e, nil
}

// Walk streams an export, calling fn for each ordinary message in file
// order. The Export passed to fn has the header fields that precede the
// messages (Telegram writes name, type and id first); the Export returned
// has all of them, and no Messages. An error from fn stops the walk and is
// returned as is.
func Walk(r io.Reader, fn func(*Export, Message) error) (*Export, error) {
	// Exports copied through Windows editors may start with a BOM, which
	// encoding/json refuses.
	buf := bufio.NewReader(r)
	if b, err := buf.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		buf.Discard(3)
	}
	br := &boundedReader{r: buf, max: MaxMessageSize}
	dec := json.NewDecoder(br)
	dec.UseNumber()
	e := &Export{}
	if err := expectDelim(dec, '{'); err != nil {
		return nil, notExport(err)
	}
	sawMessages := false
	for dec.More() {
		br.reset()
		t, err := dec.Token()
		if err != nil {
			return nil, malformed(err)
		}
		key, _ := t.(string)
		switch key {
		case "name":
			var s *string
			if err := dec.Decode(&s); err != nil {
				return nil, malformed(err)
			}
			if s != nil {
				e.Name = *s
			}
		case "type":
			if err := dec.Decode(&e.Type); err != nil {
				return nil, malformed(err)
			}
		case "id":
			var n json.Number
			if err := dec.Decode(&n); err != nil {
				return nil, malformed(err)
			}
			e.ID, _ = n.Int64()
		case "chats":
			return nil, record.Wrap(record.EInvalid, ErrNotExport, "this is a whole-account Telegram export: export the channel alone (channel menu → Export chat history) and read its result.json")
		case "messages":
			sawMessages = true
			if err := expectDelim(dec, '['); err != nil {
				return nil, malformed(err)
			}
			for dec.More() {
				br.reset()
				var raw rawMessage
				if err := dec.Decode(&raw); err != nil {
					return nil, malformed(err)
				}
				m, ok := raw.message()
				if !ok {
					continue
				}
				if err := fn(e, m); err != nil {
					return nil, err
				}
			}
			if err := expectDelim(dec, ']'); err != nil {
				return nil, malformed(err)
			}
		default:
			if err := skipValue(dec); err != nil {
				return nil, malformed(err)
			}
		}
	}
	if !sawMessages {
		return nil, record.Wrap(record.EInvalid, ErrNotExport, "JSON has no \"messages\": not a Telegram chat export (result.json)")
	}
	return e, nil
}

func notExport(err error) error {
	return record.Wrap(record.EInvalid, ErrNotExport, "not a Telegram chat export: want a JSON object (%v)", err)
}

func malformed(err error) error {
	if errors.Is(err, errTooLarge) {
		return record.Wrap(record.EInvalid, err, "Telegram export has a message over %d MiB: the file is damaged", MaxMessageSize>>20)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return record.Wrap(record.EInvalid, err, "Telegram export is truncated: was the export or the copy interrupted?")
	}
	return record.Wrap(record.EInvalid, err, "Telegram export is malformed")
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != d {
		return fmt.Errorf("found %v where %q was expected", t, string(d))
	}
	return nil
}

func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

var errTooLarge = errors.New("value too large")

// boundedReader fails once more than max bytes are read since the last
// reset; Walk resets it before each message, bounding the memory the
// decoder may buffer for one value.
type boundedReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (b *boundedReader) reset() { b.n = 0 }

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.n > b.max {
		return 0, errTooLarge
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// rawMessage is a message as exported.
type rawMessage struct {
	ID            int64           `json:"id"`
	Type          string          `json:"type"`
	Date          string          `json:"date"`
	DateUnix      string          `json:"date_unixtime"`
	Edited        string          `json:"edited"`
	EditedUnix    string          `json:"edited_unixtime"`
	From          *string         `json:"from"`
	ForwardedFrom *string         `json:"forwarded_from"`
	Text          json.RawMessage `json:"text"`
	Entities      []entity        `json:"text_entities"`
	Photo         string          `json:"photo"`
	File          string          `json:"file"`
	MimeType      string          `json:"mime_type"`
	ReplyTo       int64           `json:"reply_to_message_id"`
}

type entity struct {
	Type string `json:"type"`
	Text string `json:"text"`
	Href string `json:"href"`
}

func (r rawMessage) message() (Message, bool) {
	if r.Type != "message" {
		return Message{}, false
	}
	m := Message{ID: r.ID, ReplyTo: r.ReplyTo}
	m.Date = when(r.DateUnix, r.Date)
	m.Edited = when(r.EditedUnix, r.Edited)
	if r.From != nil {
		m.From = *r.From
	}
	if r.ForwardedFrom != nil {
		m.ForwardedFrom = *r.ForwardedFrom
	}
	ents := r.Entities
	if len(ents) == 0 {
		ents = textEntities(r.Text)
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, e := range ents {
		b.WriteString(e.Text)
		link := ""
		switch e.Type {
		case "link":
			link = e.Text
		case "text_link":
			link = e.Href
		}
		link = strings.TrimSpace(link)
		if link != "" && !seen[link] {
			seen[link] = true
			m.Links = append(m.Links, link)
		}
	}
	m.Text = strings.TrimSpace(b.String())
	switch {
	case r.Photo != "":
		m.Media, m.MediaType = r.Photo, "photo"
	case r.File != "":
		m.Media, m.MediaType = r.File, r.MimeType
	}
	return m, true
}

// textEntities reads the "text" field: a string, or an array of strings
// and {type, text, href} objects.
func textEntities(raw json.RawMessage) []entity {
	if len(raw) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []entity{{Type: "plain", Text: s}}
	}
	var parts []json.RawMessage
	if json.Unmarshal(raw, &parts) != nil {
		return nil
	}
	out := make([]entity, 0, len(parts))
	for _, p := range parts {
		var s string
		if json.Unmarshal(p, &s) == nil {
			out = append(out, entity{Type: "plain", Text: s})
			continue
		}
		var e entity
		if json.Unmarshal(p, &e) == nil {
			out = append(out, e)
		}
	}
	return out
}

// when prefers the Unix time, which is exact; the local "date" is in the
// exporting computer's zone, assumed Cambodian.
func when(unix, local string) time.Time {
	if n, err := strconv.ParseInt(unix, 10, 64); err == nil && n > 0 {
		return time.Unix(n, 0).In(Cambodia)
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", local, Cambodia); err == nil {
		return t
	}
	return time.Time{}
}
