//go:build !cgo

package khmer

import "errors"

const haveICU = false

func icuDictionaryWords() ([]string, error) {
	return nil, errors.New("khmer: built without cgo, so ICU's Khmer dictionary is not available: build with CGO_ENABLED=1 and libicu-dev")
}
