package dev.gangway.benchmarks.peer;

import dev.gangway.benchmarks.peer.proto.GetUserRequest;
import dev.gangway.benchmarks.peer.proto.Order;
import dev.gangway.benchmarks.peer.proto.OrdersGrpc;
import dev.gangway.benchmarks.peer.proto.User;
import dev.gangway.benchmarks.peer.proto.UsersGrpc;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * The two benchmark services, one implementation for every target that runs them (the gRPC
 * backend behind direct calls and Gangway, and Armeria in-process): GetUser builds the user for
 * the requested id, EchoOrder answers the order it is given.
 *
 * <p>Stateless and thread-safe.
 */
final class BenchServices {
  private BenchServices() {}

  static List<BindableService> all() {
    return List.of(new UsersService(), new OrdersService());
  }

  private static final class UsersService extends UsersGrpc.UsersImplBase {
    @Override
    public void getUser(GetUserRequest request, StreamObserver<User> response) {
      response.onNext(Payloads.user(request.getId()));
      response.onCompleted();
    }
  }

  private static final class OrdersService extends OrdersGrpc.OrdersImplBase {
    @Override
    public void echoOrder(Order request, StreamObserver<Order> response) {
      response.onNext(request);
      response.onCompleted();
    }
  }
}
