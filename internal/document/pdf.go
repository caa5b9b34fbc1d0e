package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// PDFTimeout bounds one pdftotext run when the context has no earlier
// deadline; a 300-page gazette takes about 2 s.
var PDFTimeout = 60 * time.Second

// PDFToText is the pdftotext binary; tests point it elsewhere.
var PDFToText = "pdftotext"

// ErrNoPDFToText says poppler-utils is not installed.
var ErrNoPDFToText = errors.New("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to read PDF files")

// readPDF runs pdftotext on the body. Reading order rather than -layout:
// -layout pads columns with spaces, which splits Khmer lines that have no
// spaces of their own and merges neighbouring columns; reading order keeps
// paragraphs as blocks separated by blank lines. Form feeds between pages
// become paragraph breaks. A PDF without a text layer (a scan) yields an
// empty text and the no-text flag; OCR is a separate step.
func readPDF(ctx context.Context, in Input) (*Result, error) {
	bin, err := exec.LookPath(PDFToText)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", describe(in.URL), ErrNoPDFToText)
	}
	ctx, cancel := context.WithTimeout(ctx, PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", "-eol", "unix", "-q", "-", "-")
	cmd.Stdin = bytes.NewReader(in.Body)
	out := &limitedBuffer{max: MaxTextSize}
	var stderr limitedBuffer
	stderr.max = 4096
	cmd.Stdout, cmd.Stderr = out, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, record.Wrap(record.EInvalid, ctx.Err(), "%s: pdftotext did not finish in %s: the PDF is too large or malformed", describe(in.URL), PDFTimeout)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, record.Wrap(record.EInvalid, err, "%s: pdftotext cannot read this PDF (%s): is it damaged or encrypted?", describe(in.URL), msg)
	}
	text := strings.ReplaceAll(strings.ToValidUTF8(out.String(), "\uFFFD"), "\f", "\n\n")
	text = tidyText(text)
	res := &Result{SourceKind: SourcePDF, Text: text, Title: titleLine(text)}
	if out.cut {
		res.Flags = append(res.Flags, record.FlagTruncated)
	}
	applyLegacy(res, "")
	for _, s := range datesInText(firstRunes(text, 600), in.FetchedAt) {
		if plausible(s.t, in.FetchedAt) {
			res.Published, res.DateSource = s.date(), "text"
			break
		}
	}
	return res, nil
}

// limitedBuffer keeps the first max bytes written and discards the rest,
// so a PDF that expands to gigabytes of text cannot exhaust memory.
type limitedBuffer struct {
	bytes.Buffer
	max int
	cut bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room < len(p) {
		b.cut = true
		if room > 0 {
			b.Buffer.Write(p[:room])
		}
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
