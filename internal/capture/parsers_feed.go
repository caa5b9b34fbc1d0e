package capture

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/kamnotra/kamnotra/internal/feed"
	"github.com/kamnotra/kamnotra/internal/telegram"
)

func init() {
	parserAdders = append(parserAdders, func(p *Parsers) {
		p.Feed = func(body []byte, baseURL string) ([]string, error) {
			items, err := feed.Parse(body, baseURL)
			if err != nil {
				return nil, err
			}
			urls := make([]string, 0, len(items))
			for _, it := range items {
				if it.URL != "" {
					urls = append(urls, it.URL)
				}
			}
			return urls, nil
		}
		p.Sitemap = feed.ParseSitemap
		p.Telegram = TelegramParser("")
	})
}

// TelegramParser reads Telegram Desktop exports. username is the channel's
// public name, which exports do not record: with it messages get
// https://t.me/USERNAME/ID URLs, without it telegram:CHANNEL-ID/ID.
func TelegramParser(username string) func([]byte) ([]Message, error) {
	return func(body []byte) ([]Message, error) {
		var out []Message
		_, err := telegram.Walk(bytes.NewReader(body), func(e *telegram.Export, m telegram.Message) error {
			e.Username = username
			if strings.TrimSpace(m.Text) == "" {
				// A photo or file without a caption: nothing to read. The
				// export's own record keeps it.
				return nil
			}
			raw, err := json.Marshal(telegramRecord{Channel: e.Name, ChannelID: e.ID, Message: m})
			if err != nil {
				return err
			}
			out = append(out, Message{URI: m.URL(e), Date: m.Date, Text: m.Text, Raw: raw})
			return nil
		})
		return out, err
	}
}

// telegramRecord is what the archive keeps of one message besides the
// export file itself: the decoded message with its channel, as JSON.
type telegramRecord struct {
	Channel   string           `json:"channel"`
	ChannelID int64            `json:"channel_id"`
	Message   telegram.Message `json:"message"`
}
