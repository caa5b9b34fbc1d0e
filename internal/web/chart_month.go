package web

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/kamnotra/kamnotra/internal/record"
)

// monthChart is a bar chart of values per month drawn on the server as
// SVG, stacked or side by side, with the same numbers as a table beside
// it for screen readers and for copying.
type monthChart struct {
	ID            string // prefix of the element IDs
	Title, Desc   string
	Width, Height int
	Series        []chartSeries
	Months        []chartMonth
	Bars          []chartBar
	Ticks         []chartTick
	AxisY         int // y of the zero line
	LabelY        int // baseline of the month labels
	PlotX, PlotW  int
	PlotEnd       int
	TickX         int // right edge of the tick labels
}

type chartSeries struct {
	Class string
	Name  displayName
}

// chartMonth is one column: its label and, for the table, its values in
// series order.
type chartMonth struct {
	Key    string // YYYY-MM
	Label  string // in the reader's language, for the table
	Short  string // the axis label; empty where labels would crowd
	X      int    // centre of the column, for the axis label
	Values []string
}

type chartBar struct {
	X, Y, W, H int
	Class      string
	Title      string // read out and shown on hover
}

type chartTick struct {
	Y     int
	Label string
}

// monthData is values[month][series] over a set of months.
type monthData struct {
	series []chartSeries
	values map[string][]int64
}

func newMonthData(series []chartSeries) *monthData {
	return &monthData{series: series, values: map[string][]int64{}}
}

func (m *monthData) add(month string, series int, v int64) {
	row := m.values[month]
	if row == nil {
		row = make([]int64, len(m.series))
		m.values[month] = row
	}
	row[series] += v
}

// maxChartMonths bounds the columns: a longer period shows its latest
// months (the table says which).
const maxChartMonths = 48

const (
	mcWidth  = 640
	mcLeft   = 56
	mcTop    = 8
	mcPlot   = 180
	mcBottom = 28
)

// monthKey is the YYYY-MM of a date known to the month, else "".
func monthKey(d record.Date) string {
	if d.Year == 0 || d.Month == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
}

// chart draws m; stacked piles the series in one bar per month, otherwise
// they stand side by side. Nil when there is nothing to draw.
func (m *monthData) chart(l *locale, id, title, desc string, stacked bool) *monthChart {
	if len(m.values) == 0 {
		return nil
	}
	var keys []string
	for k := range m.values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	months := monthRange(keys[0], keys[len(keys)-1])
	if len(months) > maxChartMonths {
		months = months[len(months)-maxChartMonths:]
	}
	c := &monthChart{ID: id, Title: title, Desc: desc, Width: mcWidth, Height: mcTop + mcPlot + mcBottom,
		Series: m.series, AxisY: mcTop + mcPlot, LabelY: mcTop + mcPlot + 18, PlotX: mcLeft, PlotW: mcWidth - mcLeft - 8, PlotEnd: mcWidth - 8, TickX: mcLeft - 6}
	var top int64
	for _, k := range months {
		row := m.values[k]
		var sum int64
		for _, v := range row {
			if stacked {
				sum += v
			} else {
				sum = max(sum, v)
			}
		}
		top = max(top, sum)
	}
	scale := niceCeil(top)
	for i := 0; i <= 4; i++ {
		v := scale * int64(i) / 4
		c.Ticks = append(c.Ticks, chartTick{Y: c.AxisY - int(float64(mcPlot)*float64(v)/float64(scale)), Label: l.Number(v)})
	}
	col := float64(c.PlotW) / float64(len(months))
	every := int(math.Ceil(float64(len(months)) / 12))
	for i, k := range months {
		y, mo := splitMonth(k)
		d := record.Date{Year: y, Month: mo}
		cm := chartMonth{Key: k, Label: l.Date(d), X: mcLeft + int(col*(float64(i)+0.5))}
		if i%every == 0 {
			cm.Short = fmt.Sprintf("%02d/%02d", mo, y%100)
			if l.Lang == record.LangKhmer {
				cm.Short = toKhmerDigits(cm.Short)
			}
		}
		row := m.values[k]
		if row == nil {
			row = make([]int64, len(m.series))
		}
		x0 := mcLeft + int(col*float64(i)+col*0.15)
		w := max(1, int(col*0.7))
		base := c.AxisY
		for s, v := range row {
			cm.Values = append(cm.Values, l.Number(v))
			if v == 0 {
				continue
			}
			h := max(1, int(math.Round(float64(mcPlot)*float64(v)/float64(scale))))
			b := chartBar{Class: m.series[s].Class, H: h,
				Title: cm.Label + ", " + m.series[s].Name.Value + ": " + l.Number(v)}
			if stacked {
				b.X, b.W, b.Y = x0, w, base-h
				base -= h
			} else {
				bw := max(1, w/len(row))
				b.X, b.W, b.Y = x0+s*bw, bw, c.AxisY-h
			}
			c.Bars = append(c.Bars, b)
		}
		c.Months = append(c.Months, cm)
	}
	return c
}

// niceCeil is the top of an axis of four ticks at least n: four times a
// step of 1, 2 or 5 times a power of ten.
func niceCeil(n int64) int64 {
	need := max(1, (n+3)/4)
	for p := int64(1); ; p *= 10 {
		for _, f := range []int64{1, 2, 5} {
			if f*p >= need {
				return 4 * f * p
			}
		}
	}
}

func splitMonth(k string) (int, int) {
	y, _ := strconv.Atoi(k[:4])
	m, _ := strconv.Atoi(k[5:7])
	return y, m
}

// monthRange lists every month from first to last, both YYYY-MM.
func monthRange(first, last string) []string {
	y, m := splitMonth(first)
	var out []string
	for {
		k := fmt.Sprintf("%04d-%02d", y, m)
		out = append(out, k)
		if k >= last || len(out) > 1200 {
			return out
		}
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
}
