// SPDX-License-Identifier: GPL-2.0-only
/*
 * The supervisor: starts one process per role, restarts the producer after
 * it killed itself, and fails the run when a worker crashes or makes no
 * progress for too long (printing its kernel stack).
 */

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "fuzz.h"

#define POLL_US 100000

static const char *const role_names[FUZZ_ROLES] = {
	[FUZZ_PRODUCER] = "producer",
	[FUZZ_CONSUMER_A] = "consumer A",
	[FUZZ_CONSUMER_B] = "consumer B",
	[FUZZ_SYSFS_READER] = "sysfs reader",
	[FUZZ_REOPENER] = "reopener",
};

struct supervisor {
	const struct fuzz_options *options;
	struct fuzz_shared *shared;
	pid_t pids[FUZZ_ROLES];
	unsigned int generation[FUZZ_ROLES];
	uint64_t deadline_ns;
	uint64_t deaths;
	bool failed;
};

static int run_role(struct fuzz_worker *w)
{
	switch (w->role) {
	case FUZZ_PRODUCER:
		return fuzz_producer_run(w);
	case FUZZ_CONSUMER_A:
	case FUZZ_CONSUMER_B:
		return fuzz_consumer_run(w);
	case FUZZ_SYSFS_READER:
		return fuzz_sysfs_reader_run(w);
	default:
		return fuzz_reopener_run(w);
	}
}

static int start(struct supervisor *s, enum fuzz_role role)
{
	struct fuzz_worker w = {
		.role = role,
		.ops = s->options->ops,
		.deadline_ns = s->deadline_ns,
		.shared = s->shared,
		.heartbeat = &s->shared->heartbeat[role],
		.verbose = s->options->verbose,
	};
	pid_t pid;

	/* Each restart of a role draws a stream of its own. */
	fuzz_rng_seed(&w.rng, s->options->seed,
		      (uint64_t)role << 32 | s->generation[role]);
	atomic_store(&w.heartbeat->progress_ns, fuzz_now_ns());
	atomic_store(&w.heartbeat->dying, false);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "vcam-fuzz: cannot start the %s: %s\n",
			role_names[role], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		fuzz_rng_init_pages();
		_exit(run_role(&w));
	}
	s->pids[role] = pid;
	return 0;
}

static void print_file(const char *label, pid_t pid, const char *name)
{
	char path[64], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	f = fopen(path, "r");
	if (!f) {
		printf("  %s: cannot read %s: %s\n", label, path, strerror(errno));
		return;
	}
	printf("  %s (%s):\n", label, path);
	while (fgets(line, sizeof(line), f))
		printf("    %s%s", line, strchr(line, '\n') ? "" : "\n");
	fclose(f);
}

static void report_stuck(struct supervisor *s, enum fuzz_role role,
			 uint64_t idle_ns)
{
	struct fuzz_heartbeat *hb = &s->shared->heartbeat[role];

	printf("vcam-fuzz: FAILED: the %s (pid %d) made no progress for %"
	       PRIu64 " s, in \"%s\" after %" PRIu64 " operations; its kernel "
	       "stack:\n", role_names[role], (int)s->pids[role],
	       (uint64_t)(idle_ns / 1000000000ULL), hb->op,
	       (uint64_t)atomic_load(&hb->ops));
	print_file("kernel stack", s->pids[role], "stack");
	print_file("wait channel", s->pids[role], "wchan");
	print_file("state", s->pids[role], "stat");
	s->failed = true;
}

/* The state letter of /proc/PID/stat: R, S, D, Z...; '?' if unknown. */
static char process_state(pid_t pid)
{
	char path[64], state = '?';
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return state;
	if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
		state = '?';
	fclose(f);
	return state;
}

/*
 * A worker is stuck when it sleeps in the kernel (S or D) without progress
 * for too long: its timer interrupts every interruptible sleep within
 * 50 ms. One that is runnable (R) only waits for a CPU, as on a slow,
 * loaded guest; one that loops in the kernel is the kernel's soft-lockup
 * detector's to report. A dying or dead one is the reaper's.
 */
static void check_stuck(struct supervisor *s)
{
	uint64_t now = fuzz_now_ns();
	uint64_t limit = (uint64_t)s->options->stuck_seconds * 1000000000ULL;

	for (int role = 0; role < FUZZ_ROLES; role++) {
		struct fuzz_heartbeat *hb = &s->shared->heartbeat[role];
		uint64_t last;
		char state;

		if (s->pids[role] <= 0 || atomic_load(&hb->dying))
			continue;
		last = atomic_load(&hb->progress_ns);
		if (now <= last || now - last <= limit)
			continue;
		state = process_state(s->pids[role]);
		if (state == 'S' || state == 'D' || state == 'T' || state == 't')
			report_stuck(s, role, now - last);
	}
}

static int role_of(const struct supervisor *s, pid_t pid)
{
	for (int role = 0; role < FUZZ_ROLES; role++)
		if (s->pids[role] == pid)
			return role;
	return -1;
}

static void reaped(struct supervisor *s, int role, int status)
{
	struct fuzz_heartbeat *hb = &s->shared->heartbeat[role];

	s->pids[role] = 0;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	    atomic_load(&hb->dying)) {
		/* The producer's own death: the next one takes over. */
		s->deaths++;
		atomic_fetch_add(&hb->ops, 1);
		atomic_store(&s->shared->node, -1);
		s->generation[role]++;
		if (fuzz_total_ops(s->shared) < s->options->ops &&
		    fuzz_now_ns() < s->deadline_ns && start(s, role))
			s->failed = true;
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	if (WIFSIGNALED(status))
		printf("vcam-fuzz: FAILED: the %s was killed by signal %d (%s) "
		       "in \"%s\"\n", role_names[role], WTERMSIG(status),
		       strsignal(WTERMSIG(status)), hb->op);
	else
		printf("vcam-fuzz: FAILED: the %s exited with status %d\n",
		       role_names[role], WEXITSTATUS(status));
	s->failed = true;
}

static bool any_running(const struct supervisor *s)
{
	for (int role = 0; role < FUZZ_ROLES; role++)
		if (s->pids[role] > 0)
			return true;
	return false;
}

static void kill_all(struct supervisor *s)
{
	for (int role = 0; role < FUZZ_ROLES; role++)
		if (s->pids[role] > 0)
			kill(s->pids[role], SIGKILL);
}

static void watch(struct supervisor *s)
{
	uint64_t next_report = fuzz_now_ns() + 30000000000ULL;

	while (!s->failed && any_running(s)) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		int role = pid > 0 ? role_of(s, pid) : -1;

		if (role >= 0) {
			reaped(s, role, status);
			continue;
		}
		check_stuck(s);
		if (fuzz_now_ns() > next_report) {
			printf("vcam-fuzz: %" PRIu64 " operations so far\n",
			       fuzz_total_ops(s->shared));
			fflush(stdout);
			next_report += 30000000000ULL;
		}
		usleep(POLL_US);
	}
}

int fuzz_supervise(const struct fuzz_options *options)
{
	struct supervisor s = { .options = options };
	uint64_t started = fuzz_now_ns();

	s.shared = mmap(NULL, sizeof(*s.shared), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s.shared == MAP_FAILED) {
		fprintf(stderr, "vcam-fuzz: out of memory\n");
		return 1;
	}
	atomic_store(&s.shared->node, -1);
	s.deadline_ns = options->seconds ?
			started + options->seconds * 1000000000ULL : UINT64_MAX;
	fflush(stdout);
	for (int role = 0; role < FUZZ_ROLES && !s.failed; role++)
		if (start(&s, role))
			s.failed = true;
	watch(&s);
	kill_all(&s);
	if (!s.failed)
		while (wait(NULL) > 0)
			;
	printf("vcam-fuzz: seed %" PRIu64 ": %" PRIu64 " operations in %.1f s "
	       "(producer %" PRIu64 ", consumers %" PRIu64 " and %" PRIu64
	       ", sysfs %" PRIu64 ", reopener %" PRIu64 "), %" PRIu64
	       " producer deaths: %s\n", options->seed, fuzz_total_ops(s.shared),
	       (double)(fuzz_now_ns() - started) / 1e9,
	       (uint64_t)s.shared->heartbeat[0].ops,
	       (uint64_t)s.shared->heartbeat[1].ops,
	       (uint64_t)s.shared->heartbeat[2].ops,
	       (uint64_t)s.shared->heartbeat[3].ops,
	       (uint64_t)s.shared->heartbeat[4].ops, s.deaths,
	       s.failed ? "FAILED" : "passed");
	if (s.failed)
		printf("vcam-fuzz: replay with --seed %" PRIu64 " --ops %" PRIu64
		       "\n", options->seed, options->ops);
	return s.failed ? 1 : 0;
}
