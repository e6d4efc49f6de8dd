// Package proxy lets Toà Soạn run behind reverse proxies it is told to
// trust (nginx, a CDN, a load balancer): for a request that comes from one
// of them, the client's address is taken from X-Forwarded-For and whether
// the client used TLS from X-Forwarded-Proto. Requests from anywhere else
// keep their own address and their headers are ignored, so a client cannot
// claim another address by sending the headers itself.
//
// Everything downstream (login throttling, comment rate limits, hashed
// comment IPs, audit entries) reads r.RemoteAddr, which Handler rewrites,
// and asks Secure whether the client is on TLS (for Secure cookies and
// https links).
package proxy

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Trusted is the set of proxies whose forwarding headers are believed.
// The zero value trusts nobody.
type Trusted struct {
	nets []netip.Prefix
}

// Parse reads a comma-separated list of addresses and CIDR ranges, such as
// "127.0.0.1, 10.0.0.0/8, ::1". An empty list trusts nobody.
func Parse(list string) (Trusted, error) {
	var t Trusted
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return Trusted{}, fmt.Errorf("địa chỉ proxy không hợp lệ %q", f)
			}
			f = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()).String()
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return Trusted{}, fmt.Errorf("dải địa chỉ proxy không hợp lệ %q", f)
		}
		p = p.Masked()
		// Addresses are compared unmapped: an IPv4 range written in its
		// IPv6 form (::ffff:10.0.0.0/104) must match them.
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		t.nets = append(t.nets, p)
	}
	return t, nil
}

// Empty reports whether no proxy is trusted.
func (t Trusted) Empty() bool { return len(t.nets) == 0 }

func (t Trusted) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t.nets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

type secureKey struct{}

// Secure reports whether the client reached us over TLS: directly, or
// through a trusted proxy that said so.
func Secure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	s, _ := r.Context().Value(secureKey{}).(bool)
	return s
}

// Handler rewrites r.RemoteAddr (and marks TLS) for requests that come from
// a trusted proxy, and strips nothing else. With nobody trusted it returns
// next unchanged.
func (t Trusted) Handler(next http.Handler) http.Handler {
	if t.Empty() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		peer, ok := addrOf(r.RemoteAddr)
		if !ok || !t.trusts(peer) {
			next.ServeHTTP(w, r)
			return
		}
		client, proto := t.resolve(peer, r.Header.Values("X-Forwarded-For"),
			strings.Join(r.Header.Values("X-Forwarded-Proto"), ","))
		r2 := r.WithContext(r.Context())
		r2.RemoteAddr = net.JoinHostPort(client.String(), "0")
		if proto == "https" {
			r2 = r2.WithContext(context.WithValue(r2.Context(), secureKey{}, true))
		}
		next.ServeHTTP(w, r2)
	})
}

// resolve walks X-Forwarded-For from the right: each hop was appended by
// the proxy before it, so the first address that is not a trusted proxy is
// the client. A malformed entry stops the walk at the last good hop: what
// is left of it was written by someone untrusted. X-Forwarded-Proto is
// believed only when every hop after the client is trusted, which the walk
// ensures.
func (t Trusted) resolve(peer netip.Addr, xff []string, proto string) (netip.Addr, string) {
	var hops []string
	for _, v := range xff {
		for _, h := range strings.Split(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := addrOf(hops[i])
		if !ok {
			break
		}
		client = a
		if !t.trusts(a) {
			break
		}
	}
	// The proxy nearest us writes the protocol; with several values (in
	// one header line or several) the last one is its.
	if i := strings.LastIndex(proto, ","); i >= 0 {
		proto = proto[i+1:]
	}
	return client.Unmap(), strings.ToLower(strings.TrimSpace(proto))
}

// addrOf reads "1.2.3.4", "1.2.3.4:5678", "::1" or "[::1]:5678".
func addrOf(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr(), ap.Addr().Zone() == ""
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a, true
}
