package dev.gangway.gateway.backend;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The one Netty event loop that every backend connection of the gateway runs on, and the thread
 * that request code hands whole call set-ups to.
 *
 * <p>Why one thread: grpc-java does each operation of a call on its connection's event loop.
 * Started from an Undertow IO thread, every one of them (start, request, send, half-close, the
 * deadline timer) is a task handed to that loop, and each can wake it: on a loaded core that is a
 * context switch per operation. Handing the whole set-up over as one task, run where the
 * connection and the deadline timer live, costs one hand-off per call. That needs the loop that
 * owns the connection, so every backend channel is bound to this single-thread group (one thread
 * moves the bytes of many thousands of calls per second; the JSON work stays on the IO threads).
 *
 * <p>Thread-safe. Owned by {@link ChannelRegistry}, which shuts it down after its channels.
 */
final class TransportLoop implements AutoCloseable {
  private final EventLoopGroup group;
  private final boolean epoll;

  TransportLoop() {
    NettyLeakDetection.configure();
    epoll = Epoll.isAvailable();
    DefaultThreadFactory threads = new DefaultThreadFactory("gangway-grpc", true);
    group = new MultiThreadIoEventLoopGroup(1, threads,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  /** The loop as an executor: tasks run in order, one at a time, on the loop's thread. */
  Executor executor() {
    return group;
  }

  /**
   * Binds a channel under construction to this loop; false (and the builder untouched) when the
   * target needs a transport of its own (Unix domain sockets).
   */
  boolean bind(NettyChannelBuilder builder, String target) {
    if (target.startsWith("unix:")) {
      return false;
    }
    builder.eventLoopGroup(group)
        .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    return true;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
