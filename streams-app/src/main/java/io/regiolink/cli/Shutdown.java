package io.regiolink.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a long-running command's cleanup once on Ctrl-C (or SIGTERM). Registered as soon as there
 * is something to clean up, so a signal during start-up stops what has started too.
 */
final class Shutdown {
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Shutdown() {}

  static Shutdown onSignal(Runnable cleanup) {
    Shutdown shutdown = new Shutdown();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cleanup.run();
      } finally {
        shutdown.stopped.countDown();
      }
    }, "regiolink-shutdown"));
    return shutdown;
  }

  /** Blocks until the cleanup has run. */
  void await() throws InterruptedException {
    stopped.await();
  }
}
