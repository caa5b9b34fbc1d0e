//go:build cgo

package khmer

/*
#cgo pkg-config: icu-uc
#cgo LDFLAGS: -lstdc++
#include <stdlib.h>
#include <stdint.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>
#include "segment_icu.h"

static UBreakIterator *kamnotra_brk_open(int *err) {
	UErrorCode status = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_WORD, "km", NULL, 0, &status);
	*err = (int)status;
	if (U_FAILURE(status)) return NULL;
	return bi;
}

// kamnotra_brk_run sets text, copies every boundary (UTF-16 offsets) into
// out and detaches the text again, so that ICU never keeps a Go pointer
// past the call. It returns the number of boundaries or a negative ICU
// error.
static int kamnotra_brk_run(UBreakIterator *bi, const UChar *text, int32_t n, int32_t *out, int32_t cap) {
	UErrorCode status = U_ZERO_ERROR;
	ubrk_setText(bi, text, n, &status);
	if (U_FAILURE(status)) return -(int)status;
	int32_t k = 0;
	for (int32_t p = ubrk_first(bi); p != UBRK_DONE && k < cap; p = ubrk_next(bi)) out[k++] = p;
	static const UChar empty[1] = {0};
	status = U_ZERO_ERROR;
	ubrk_setText(bi, empty, 0, &status);
	return k;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// icuDictionaryWords returns the words of ICU's Khmer break dictionary, read
// from the ICU data linked into the process. Nothing of it is stored in the
// repository: the list is rebuilt from the installed ICU at start-up.
func icuDictionaryWords() ([]string, error) {
	name := C.CString("khmerdict")
	defer C.free(unsafe.Pointer(name))
	var out *C.char
	var n C.size_t
	rc := C.kamnotra_icu_dict_words(name, &out, &n)
	if rc != 0 {
		return nil, fmt.Errorf("khmer: reading ICU's khmerdict failed (code %d): is libicu's data (libicu72) installed?", int(rc))
	}
	defer C.free(unsafe.Pointer(out))
	s := C.GoStringN(out, C.int(n))
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n"), nil
}

// ICUSegmenter is ICU's own dictionary word break for Khmer, kept as the
// baseline the project's Segmenter is measured against. It is not safe for
// concurrent use; Close releases the ICU iterator.
type ICUSegmenter struct {
	bi     *C.UBreakIterator
	u16    []uint16
	u16off []int32 // byte offset of each UTF-16 unit in the input
	bounds []int32
}

// NewICUSegmenter opens ICU's Khmer word break iterator.
func NewICUSegmenter() (*ICUSegmenter, error) {
	var e C.int
	bi := C.kamnotra_brk_open(&e)
	if bi == nil {
		return nil, fmt.Errorf("khmer: ICU ubrk_open(UBRK_WORD, \"km\") failed with code %d: install libicu", int(e))
	}
	return &ICUSegmenter{bi: bi}, nil
}

// Close releases the ICU break iterator.
func (s *ICUSegmenter) Close() {
	if s.bi != nil {
		C.ubrk_close(s.bi)
		s.bi = nil
	}
}

// Boundaries appends to dst the byte offsets of ICU's word boundaries in
// text, including 0 and len(text). The whole text goes to ICU in one call.
func (s *ICUSegmenter) Boundaries(dst []int, text string) ([]int, error) {
	if s.bi == nil {
		return dst, errors.New("khmer: ICUSegmenter used after Close")
	}
	s.u16 = s.u16[:0]
	s.u16off = s.u16off[:0]
	for i, r := range text {
		if r == utf8.RuneError {
			r = '\uFFFD'
		}
		if r >= 0x10000 {
			a, b := utf16.EncodeRune(r)
			s.u16 = append(s.u16, uint16(a), uint16(b))
			s.u16off = append(s.u16off, int32(i), int32(i))
			continue
		}
		s.u16 = append(s.u16, uint16(r))
		s.u16off = append(s.u16off, int32(i))
	}
	s.u16off = append(s.u16off, int32(len(text)))
	if len(s.u16) == 0 {
		return append(dst, 0, 0)[:len(dst)+1], nil
	}
	if cap(s.bounds) < len(s.u16)+2 {
		s.bounds = make([]int32, len(s.u16)+2)
	}
	s.bounds = s.bounds[:cap(s.bounds)]
	k := C.kamnotra_brk_run(s.bi, (*C.UChar)(unsafe.Pointer(&s.u16[0])), C.int32_t(len(s.u16)),
		(*C.int32_t)(unsafe.Pointer(&s.bounds[0])), C.int32_t(len(s.bounds)))
	if k < 0 {
		return dst, fmt.Errorf("khmer: ICU word break failed with code %d", -int(k))
	}
	for _, b := range s.bounds[:k] {
		dst = append(dst, int(s.u16off[b]))
	}
	return dst, nil
}
