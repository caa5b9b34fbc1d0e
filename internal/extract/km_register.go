package extract

import "github.com/kamnotra/kamnotra/internal/record"

func init() { registerLang(record.LangKhmer, extractKm) }
