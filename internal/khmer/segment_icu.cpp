//go:build cgo

// Reads the Khmer word list that ships inside the system ICU data
// (brkitr/khmerdict.dict, Unicode licence) so that the Go segmenter can use
// the same dictionary as ICU's own break iterator without copying it into
// the repository.

#include <stdlib.h>
#include <string.h>
#include <unicode/udata.h>
#include <unicode/bytestrie.h>
#include <unicode/ucharstrie.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>
#include "segment_icu.h"

using namespace icu;

namespace {

// Layout of ICU's dictionary files (see ICU's dictionarydata.h).
enum {
	IX_STRING_TRIE_OFFSET = 0,
	IX_TRIE_TYPE = 4,
	IX_TRANSFORM = 5,
	TRIE_TYPE_BYTES = 0,
	TRIE_TYPE_UCHARS = 1,
	TRIE_TYPE_MASK = 7,
	TRANSFORM_TYPE_OFFSET = 0x1000000,
	TRANSFORM_TYPE_MASK = 0x7f000000,
	TRANSFORM_OFFSET_MASK = 0x1fffff,
};

struct buf {
	char *p;
	size_t n, cap;
	bool ok;
};

void put(buf *b, const char *s, size_t n) {
	if (!b->ok) return;
	if (b->n + n > b->cap) {
		size_t c = b->cap ? b->cap * 2 : 1 << 20;
		while (c < b->n + n) c *= 2;
		char *q = (char *)realloc(b->p, c);
		if (!q) { b->ok = false; return; }
		b->p = q;
		b->cap = c;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

void putRune(buf *b, UChar32 c) {
	char t[4];
	size_t n;
	if (c < 0x80) { t[0] = (char)c; n = 1; }
	else if (c < 0x800) { t[0] = (char)(0xC0 | (c >> 6)); t[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
	else if (c < 0x10000) { t[0] = (char)(0xE0 | (c >> 12)); t[1] = (char)(0x80 | ((c >> 6) & 0x3F)); t[2] = (char)(0x80 | (c & 0x3F)); n = 3; }
	else { t[0] = (char)(0xF0 | (c >> 18)); t[1] = (char)(0x80 | ((c >> 12) & 0x3F)); t[2] = (char)(0x80 | ((c >> 6) & 0x3F)); t[3] = (char)(0x80 | (c & 0x3F)); n = 4; }
	put(b, t, n);
}

} // namespace

extern "C" int kamnotra_icu_dict_words(const char *name, char **out, size_t *outLen) {
	*out = NULL;
	*outLen = 0;
	UErrorCode status = U_ZERO_ERROR;
	UDataMemory *mem = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", name, &status);
	if (U_FAILURE(status)) return (int)status;
	const uint8_t *data = (const uint8_t *)udata_getMemory(mem);
	const int32_t *ix = (const int32_t *)data;
	int32_t off = ix[IX_STRING_TRIE_OFFSET];
	int32_t type = ix[IX_TRIE_TYPE] & TRIE_TYPE_MASK;
	int32_t transform = ix[IX_TRANSFORM];
	buf b = {NULL, 0, 0, true};
	if (type == TRIE_TYPE_BYTES) {
		if ((transform & TRANSFORM_TYPE_MASK) != TRANSFORM_TYPE_OFFSET) {
			udata_close(mem);
			return -2;
		}
		UChar32 base = transform & TRANSFORM_OFFSET_MASK;
		BytesTrie::Iterator it(data + off, 0, status);
		while (U_SUCCESS(status) && it.next(status)) {
			StringPiece sp = it.getString();
			for (int32_t i = 0; i < sp.length(); i++) {
				uint8_t c = (uint8_t)sp.data()[i];
				UChar32 r = c == 0xFF ? 0x200D : c == 0xFE ? 0x200C : base + c;
				putRune(&b, r);
			}
			put(&b, "\n", 1);
		}
	} else if (type == TRIE_TYPE_UCHARS) {
		UCharsTrie::Iterator it((const char16_t *)(data + off), 0, status);
		while (U_SUCCESS(status) && it.next(status)) {
			const UnicodeString &s = it.getString();
			for (int32_t i = 0; i < s.length();) {
				UChar32 r = s.char32At(i);
				putRune(&b, r);
				i += U16_LENGTH(r);
			}
			put(&b, "\n", 1);
		}
	} else {
		udata_close(mem);
		return -3;
	}
	udata_close(mem);
	if (U_FAILURE(status)) { free(b.p); return (int)status; }
	if (!b.ok) { free(b.p); return -4; }
	*out = b.p;
	*outLen = b.n;
	return 0;
}
