package fetch

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
)

// MaxURLLength bounds the URLs the fetcher accepts; real article URLs are
// far shorter, and servers reject longer ones anyway.
const MaxURLLength = 4096

// badPorts are ports of non-web protocols that a URL could otherwise be used
// to talk to (the list browsers block, shortened to the likely ones).
var badPorts = map[int]bool{
	1: true, 7: true, 9: true, 11: true, 13: true, 15: true, 17: true, 19: true, 20: true, 21: true, 22: true, 23: true,
	25: true, 37: true, 42: true, 43: true, 53: true, 69: true, 77: true, 79: true, 87: true, 95: true, 101: true,
	102: true, 103: true, 104: true, 109: true, 110: true, 111: true, 113: true, 115: true, 117: true, 119: true,
	123: true, 135: true, 137: true, 139: true, 143: true, 161: true, 179: true, 389: true, 427: true, 465: true,
	512: true, 513: true, 514: true, 515: true, 526: true, 530: true, 531: true, 532: true, 540: true, 548: true,
	554: true, 556: true, 563: true, 587: true, 601: true, 636: true, 989: true, 990: true, 993: true, 995: true,
	1719: true, 1720: true, 1723: true, 2049: true, 3659: true, 4045: true, 5060: true, 5061: true, 6000: true,
	6379: true, 6566: true, 6665: true, 6666: true, 6667: true, 6668: true, 6669: true, 6697: true, 10080: true,
	11211: true,
}

// RefusedError says why a URL or address will not be fetched.
type RefusedError struct {
	URL    string
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refused to fetch %s: %s", clipURL(e.URL), e.Reason)
}

func clipURL(u string) string {
	if len(u) > 120 {
		return u[:120] + "…"
	}
	return u
}

func refused(u, format string, args ...any) error {
	return record.Wrap(record.EInvalid, &RefusedError{URL: u, Reason: fmt.Sprintf(format, args...)}, "hostile or unfetchable URL")
}

// CheckURL parses raw and refuses what the fetcher must not fetch: other
// schemes than http and https, user names or passwords in the URL, absurd
// or non-web ports, overlong URLs, and — unless allowPrivate — literal
// private, loopback or link-local addresses. Host names are checked again
// after DNS resolution, at dial time.
func CheckURL(raw string, allowPrivate bool) (*url.URL, error) {
	if len(raw) > MaxURLLength {
		return nil, refused(raw, "the URL is %d bytes long, more than %d", len(raw), MaxURLLength)
	}
	if strings.ContainsAny(raw, " \t\r\n\x00") {
		return nil, refused(raw, "the URL contains white space or control characters")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, refused(raw, "not a URL: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, refused(raw, "no scheme: write http:// or https://")
	default:
		return nil, refused(raw, "scheme %q is not http or https", u.Scheme)
	}
	if u.User != nil {
		return nil, refused(raw, "the URL carries a user name or password")
	}
	host := u.Hostname()
	if host == "" {
		return nil, refused(raw, "no host name")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, refused(raw, "port %q is not a port number", p)
		}
		if badPorts[n] {
			return nil, refused(raw, "port %d belongs to another protocol than the web", n)
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return nil, refused(raw, "empty port")
	}
	if ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")); err == nil && !allowPrivate {
		if err := CheckAddr(ip); err != nil {
			return nil, refused(raw, "%v", err)
		}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	return u, nil
}

// special address ranges that are neither loopback nor private by Go's
// definitions but must not be reached from a public fetcher either.
var specialPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("100::/64"),        // discard
}

// CheckAddr refuses loopback, private, link-local, unspecified, multicast
// and other special-purpose addresses. IPv4-mapped and NAT64 forms of such
// addresses are refused too.
func CheckAddr(ip netip.Addr) error {
	ip = ip.Unmap()
	if ip.Is6() {
		// 64:ff9b::/96 embeds an IPv4 address: judge that one.
		if p := netip.MustParsePrefix("64:ff9b::/96"); p.Contains(ip) {
			b := ip.As16()
			ip = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
		}
	}
	switch {
	case !ip.IsValid():
		return fmt.Errorf("invalid address")
	case ip.IsLoopback():
		return fmt.Errorf("address %s is loopback (pass --allow-private to allow it)", ip)
	case ip.IsPrivate():
		return fmt.Errorf("address %s is in a private network (pass --allow-private to allow it)", ip)
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return fmt.Errorf("address %s is link-local (pass --allow-private to allow it)", ip)
	case ip.IsUnspecified():
		return fmt.Errorf("address %s is unspecified", ip)
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return fmt.Errorf("address %s is multicast", ip)
	}
	for _, p := range specialPrefixes {
		if p.Contains(ip) {
			return fmt.Errorf("address %s is in special-purpose range %s (pass --allow-private to allow it)", ip, p)
		}
	}
	return nil
}
