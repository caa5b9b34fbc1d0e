package document

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
)

// makePDF builds a one-page PDF; each line of text becomes a line drawn in
// Helvetica, and no lines means a page without a text layer (as a scan
// without OCR is, to pdftotext).
func makePDF(lines ...string) []byte {
	var content strings.Builder
	if len(lines) > 0 {
		content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
		for _, l := range lines {
			fmt.Fprintf(&content, "(%s) Tj T*\n", strings.NewReplacer(`(`, `\(`, `)`, `\)`, `\`, `\\`).Replace(l))
		}
		content.WriteString("ET\n")
	} else {
		content.WriteString("0 0 1 rg 72 600 200 100 re f\n")
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

func TestReadPDF(t *testing.T) {
	if _, err := exec.LookPath(PDFToText); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	tests := []struct {
		name  string
		body  []byte
		want  want
		empty bool
	}{
		{"text layer", makePDF("Notice of the Ministry of Sample Affairs", "Phnom Penh, 20 May 2025", "The Ministry appointed Ouk Bunthoeun as Secretary of State."), want{
			title:     "Notice of the Ministry of Sample Affairs",
			lang:      "en",
			published: "2025-05-20",
			contains:  []string{"appointed Ouk Bunthoeun as Secretary of State"},
		}, false},
		{"scan without text", makePDF(), want{flags: []string{record.FlagNoText}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Read(context.Background(), Input{URL: "https://sample-ministry.example/notice.pdf", Body: tt.body, FetchedAt: fetched})
			if err != nil {
				t.Fatal(err)
			}
			if r.SourceKind != SourcePDF {
				t.Errorf("SourceKind = %q", r.SourceKind)
			}
			tt.want.outlet = "ministry-of-sample-affairs"
			check(t, r, tt.want)
			if tt.empty != (r.Text == "") {
				t.Errorf("text = %q", r.Text)
			}
		})
	}
	// A damaged PDF is an error that says so, not a panic or empty text.
	_, err := Read(context.Background(), Input{Body: []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")})
	if err == nil || !strings.Contains(err.Error(), "pdftotext cannot read") || record.ErrorCode(err) != record.EInvalid {
		t.Errorf("damaged PDF: err = %v", err)
	}
}

func TestReadPDFMissingBinary(t *testing.T) {
	old := PDFToText
	PDFToText = "pdftotext-not-installed-here"
	defer func() { PDFToText = old }()
	_, err := Read(context.Background(), Input{Body: makePDF("x")})
	if !errors.Is(err, ErrNoPDFToText) || !strings.Contains(err.Error(), "apt-get install poppler-utils") {
		t.Errorf("err = %v, want ErrNoPDFToText", err)
	}
}
