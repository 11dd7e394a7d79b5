# exos/net/net.mk - the network stack's tests (two or more simulated
# machines on one segment, against ExOS and against Linux 6.1) and its
# benchmarks (Table 11, Figure 2, TCP throughput). Included by exos.mk.
