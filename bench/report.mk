# bench/report.mk - the SOSP'95 tables reproduced: `make bench` runs
# bench/report (its programs are built by the other rooms: Aegis's kernel
# image, ExOS's with exos/bin/matrix.c for Table 9, the Linux baseline with
# bench/posix); make test checks the report generator on captured logs.
TEST_SUITES += "bench/tests/report-test $(B)"
# The disk programs of make bench's Disk section at small sizes (about 10 s).
TEST_SUITES += "bench/tests/disk-smoke $(B)"
# The Web server section's cells at a tiny size, Cheetah and httpd_conv (about 20 s).
TEST_SUITES += "bench/tests/web-smoke $(B)"
