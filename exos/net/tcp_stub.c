/*
 * tcp_stub.c - TCP's entry points until tcp.c lands (the tcp branch
 * deletes this file): every call says -EPROTONOSUPPORT, so that the
 * socket layer links and UDP works meanwhile.
 */
#include <errno.h>
#include "netint.h"

int tcp_open(struct sock *s) { (void)s; return -EPROTONOSUPPORT; }
int tcp_bind(struct sock *s, unsigned port) { (void)s; (void)port; return -EPROTONOSUPPORT; }
int tcp_connect(struct sock *s, uint32_t ip, unsigned port, uint32_t deadline)
{ (void)s; (void)ip; (void)port; (void)deadline; return -EPROTONOSUPPORT; }
int tcp_listen(struct sock *s, int backlog) { (void)s; (void)backlog; return -EPROTONOSUPPORT; }
int tcp_accept(struct sock *s, uint32_t *ip, unsigned *port, uint32_t deadline)
{ (void)s; (void)ip; (void)port; (void)deadline; return -EPROTONOSUPPORT; }
int tcp_send(struct sock *s, const void *buf, unsigned len, uint32_t deadline)
{ (void)s; (void)buf; (void)len; (void)deadline; return -EPROTONOSUPPORT; }
int tcp_recv(struct sock *s, void *buf, unsigned len, uint32_t deadline)
{ (void)s; (void)buf; (void)len; (void)deadline; return -EPROTONOSUPPORT; }
int tcp_recv_zc(struct sock *s, struct net_buf **b, uint32_t deadline)
{ (void)s; (void)b; (void)deadline; return -EPROTONOSUPPORT; }
struct net_buf *tcp_buf_get(struct sock *s, unsigned len) { (void)s; (void)len; return 0; }
int tcp_send_zc(struct sock *s, struct net_buf *b, uint32_t deadline)
{ (void)s; (void)b; (void)deadline; return -EPROTONOSUPPORT; }
int tcp_readable(struct sock *s) { (void)s; return 0; }
int tcp_close(struct sock *s) { (void)s; return 0; }
int tcp_uses_port(unsigned port) { (void)port; return 0; }
void tcp_buf_release(struct net_buf *b) { (void)b; }
void tcp_input(const struct ip_in *ip, const uint8_t *data, unsigned len) { (void)ip; (void)data; (void)len; }
void tcp_timer(uint32_t now_ms) { (void)now_ms; }
