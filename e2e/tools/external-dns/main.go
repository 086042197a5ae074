// Command external-dns is external-dns built from its module, as its own main package builds it,
// for the end-to-end suite's cross-cluster discovery test: it reads the host cluster's
// DNSEndpoints and writes their records to etcd for CoreDNS.
package main

import (
	_ "k8s.io/client-go/plugin/pkg/client/auth"

	"sigs.k8s.io/external-dns/controller"
)

func main() { controller.Execute() }
