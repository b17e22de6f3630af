// SPDX-License-Identifier: GPL-2.0-only
/*
 * The loop every worker runs: draw an operation by weight, run it with a
 * timer armed so that any call that blocks is interrupted (EINTR) soon, and
 * tell the supervisor before and after, so that it sees a worker stuck in
 * the kernel.
 */

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#include "fuzz.h"

/* How long a blocking call may sleep before the timer interrupts it. */
#define FUZZ_INTERRUPT_US 50000

uint64_t fuzz_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void on_alarm(int signal)
{
	(void)signal;
}

/* SIGALRM interrupts system calls (no SA_RESTART). */
static void install_alarm(void)
{
	struct sigaction action = { .sa_handler = on_alarm };

	sigemptyset(&action.sa_mask);
	sigaction(SIGALRM, &action, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void arm(unsigned int microseconds)
{
	struct itimerval timer = {
		.it_value = { .tv_usec = microseconds },
		.it_interval = { .tv_usec = microseconds },
	};

	setitimer(ITIMER_REAL, &timer, NULL);
}

static const struct fuzz_op *draw(struct fuzz_rng *rng,
				  const struct fuzz_op *ops, size_t count)
{
	unsigned int total = 0, roll;

	for (size_t i = 0; i < count; i++)
		total += ops[i].weight;
	roll = fuzz_below(rng, total);
	for (size_t i = 0; i < count; i++) {
		if (roll < ops[i].weight)
			return &ops[i];
		roll -= ops[i].weight;
	}
	return &ops[count - 1];
}

static void beat(struct fuzz_heartbeat *heartbeat, const char *op)
{
	if (op)
		snprintf(heartbeat->op, sizeof(heartbeat->op), "%s", op);
	atomic_store(&heartbeat->progress_ns, fuzz_now_ns());
}

uint64_t fuzz_total_ops(struct fuzz_shared *shared)
{
	uint64_t total = 0;

	for (int role = 0; role < FUZZ_ROLES; role++)
		total += atomic_load(&shared->heartbeat[role].ops);
	return total;
}

int fuzz_ioctl(struct fuzz_worker *w, int fd, unsigned long request,
	       void *arg)
{
	int ret = ioctl(fd, request, arg);

	if (ret >= 0)
		w->succeeded = true;
	return ret;
}

static void print_table(const struct fuzz_worker *w, const struct fuzz_op *ops,
			size_t count)
{
	static const char *const roles[FUZZ_ROLES] = {
		"producer", "consumer A", "consumer B", "sysfs reader",
		"reopener",
	};

	for (size_t i = 0; i < count && i < FUZZ_MAX_OPS; i++)
		printf("vcam-fuzz: %-12s %-36s %8" PRIu64 " runs, %8" PRIu64
		       " with an ioctl that succeeded\n", roles[w->role],
		       ops[i].name, (uint64_t)w->heartbeat->runs[i],
		       (uint64_t)w->heartbeat->successes[i]);
	fflush(stdout);
}

void fuzz_worker_die(struct fuzz_worker *w)
{
	atomic_store(&w->heartbeat->dying, true);
	kill(getpid(), SIGKILL);
}

void fuzz_worker_loop(struct fuzz_worker *w, const struct fuzz_op *ops,
		      size_t count, void *ctx)
{
	fuzz_worker_loop_with(w, ops, count, ctx, NULL);
}

void fuzz_worker_loop_with(struct fuzz_worker *w, const struct fuzz_op *ops,
			   size_t count, void *ctx,
			   void (*before)(struct fuzz_worker *w, void *ctx))
{
	install_alarm();
	while (fuzz_total_ops(w->shared) < w->ops) {
		const struct fuzz_op *op = draw(&w->rng, ops, count);

		if (w->deadline_ns && fuzz_now_ns() >= w->deadline_ns)
			break;
		size_t index = (size_t)(op - ops);

		beat(w->heartbeat, op->name);
		w->succeeded = false;
		atomic_fetch_add(&w->heartbeat->runs[index], 1);
		arm(FUZZ_INTERRUPT_US);
		if (before)
			before(w, ctx);
		op->run(w, ctx);
		arm(0);
		if (w->succeeded)
			atomic_fetch_add(&w->heartbeat->successes[index], 1);
		atomic_fetch_add(&w->heartbeat->ops, 1);
		beat(w->heartbeat, NULL);
	}
	beat(w->heartbeat, "done");
	if (w->verbose)
		print_table(w, ops, count);
}
