/*
 * Delays every packet that iptables sends to NFQUEUE QUEUE by DELAY_MS, in order, for kernels
 * without netem: `fencecheck-delay QUEUE DELAY_MS LIFETIME_MS`. Packets are held by id and
 * accepted when due; on SIGTERM, SIGINT or at the end of its lifetime it accepts everything still
 * held and exits, so nothing is lost and nothing lingers if the nemesis never comes back.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define RING 65536
#define NS_PER_MS 1000000LL

struct held { uint32_t id; long long due_ns; };
static struct held ring[RING];
static unsigned long head, tail;
static long long delay_ns;
static volatile sig_atomic_t stop;

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int on_packet(struct nfq_q_handle *q, struct nfgenmsg *msg, struct nfq_data *data, void *arg) {
  (void)msg;
  (void)arg;
  struct nfqnl_msg_packet_hdr *header = nfq_get_msg_packet_hdr(data);
  if (!header) return 0;
  uint32_t id = ntohl(header->packet_id);
  if (tail - head >= RING) return nfq_set_verdict(q, id, NF_ACCEPT, 0, NULL);
  ring[tail++ % RING] = (struct held){ id, now_ns() + delay_ns };
  return 0;
}

static void on_signal(int sig) {
  (void)sig;
  stop = 1;
}

static long long parse(const char *text, const char *what) {
  char *end;
  long long v = strtoll(text, &end, 10);
  if (*end || end == text || v < 0) {
    fprintf(stderr, "fencecheck-delay: %s must be a whole number >= 0, got %s\n", what, text);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: fencecheck-delay QUEUE DELAY_MS LIFETIME_MS\n");
    return 2;
  }
  int queue = (int)parse(argv[1], "QUEUE");
  delay_ns = parse(argv[2], "DELAY_MS") * NS_PER_MS;
  long long end_ns = now_ns() + parse(argv[3], "LIFETIME_MS") * NS_PER_MS;
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);

  struct nfq_handle *h = nfq_open();
  if (!h) { perror("fencecheck-delay: nfq_open"); return 1; }
  struct nfq_q_handle *q = nfq_create_queue(h, (uint16_t)queue, on_packet, NULL);
  if (!q) { perror("fencecheck-delay: nfq_create_queue"); return 1; }
  if (nfq_set_mode(q, NFQNL_COPY_META, 0) < 0 && nfq_set_mode(q, NFQNL_COPY_PACKET, 0) < 0) { perror("fencecheck-delay: nfq_set_mode"); return 1; }
  nfq_set_queue_maxlen(q, RING);
  int fd = nfq_fd(h);
  int one = 1;
  setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);
  printf("ready\n");
  fflush(stdout);

  static char buf[65536];
  while (!stop && now_ns() < end_ns) {
    long long now = now_ns();
    while (head < tail && ring[head % RING].due_ns <= now) nfq_set_verdict(q, ring[head++ % RING].id, NF_ACCEPT, 0, NULL);
    long long wait_ns = head < tail ? ring[head % RING].due_ns - now : 100 * NS_PER_MS;
    struct pollfd p = { .fd = fd, .events = POLLIN };
    if (poll(&p, 1, (int)((wait_ns + NS_PER_MS - 1) / NS_PER_MS)) > 0) {
      ssize_t n;
      while ((n = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0) nfq_handle_packet(h, buf, (int)n);
    }
  }
  while (head < tail) nfq_set_verdict(q, ring[head++ % RING].id, NF_ACCEPT, 0, NULL);
  nfq_destroy_queue(q);
  nfq_close(h);
  return 0;
}
