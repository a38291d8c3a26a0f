package dev.gangway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway turns Netty's leak detector off, unless the operator set its level. */
class NettyLeakDetectionTest {
  private Level levelBefore;
  private String propertyBefore;

  @BeforeEach
  void remember() {
    levelBefore = ResourceLeakDetector.getLevel();
    propertyBefore = System.getProperty(NettyLeakDetection.PROPERTY);
  }

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(levelBefore);
    if (propertyBefore == null) {
      System.clearProperty(NettyLeakDetection.PROPERTY);
    } else {
      System.setProperty(NettyLeakDetection.PROPERTY, propertyBefore);
    }
  }

  @Test
  void offWhenNobodyAskedForIt() {
    System.clearProperty(NettyLeakDetection.PROPERTY);
    ResourceLeakDetector.setLevel(Level.SIMPLE);

    NettyLeakDetection.configure();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.DISABLED);
  }

  @Test
  void theOperatorsLevelIsKept() {
    System.setProperty(NettyLeakDetection.PROPERTY, "paranoid");
    ResourceLeakDetector.setLevel(Level.PARANOID);

    NettyLeakDetection.configure();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.PARANOID);
  }

  @Test
  void theGatewaysTransportThreadTurnsItOff() {
    System.clearProperty(NettyLeakDetection.PROPERTY);
    ResourceLeakDetector.setLevel(Level.SIMPLE);

    new ChannelRegistry().close();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.DISABLED);
  }
}
