// C interface of the ICU helpers in segment_icu.cpp, used by segment_icu.go.
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
int kamnotra_icu_dict_words(const char *name, char **out, size_t *outLen);
#ifdef __cplusplus
}
#endif
