// Command coredns is CoreDNS built from its module with its standard plugins, for the end-to-end
// suite's cross-cluster discovery test: its etcd plugin answers the names external-dns writes.
package main

import (
	_ "github.com/coredns/coredns/core/plugin"

	"github.com/coredns/coredns/coremain"
)

func main() { coremain.Run() }
