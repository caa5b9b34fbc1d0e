//go:build !cgo

package khmer

import "errors"

var errNoICU = errors.New("khmer: built without cgo, so ICU is not available: build with CGO_ENABLED=1 and libicu-dev installed")

func icuDictionaryWords() ([]string, error) { return nil, errNoICU }

// ICUSegmenter is ICU's Khmer word break; without cgo it only reports
// that ICU is missing.
type ICUSegmenter struct{}

// NewICUSegmenter fails in builds without cgo.
func NewICUSegmenter() (*ICUSegmenter, error) { return nil, errNoICU }

// Close does nothing.
func (s *ICUSegmenter) Close() {}

// Boundaries fails in builds without cgo.
func (s *ICUSegmenter) Boundaries(dst []int, text string) ([]int, error) { return dst, errNoICU }
