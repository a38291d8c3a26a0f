package dev.gangway.transcoder.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonMembersTest {

  @Test
  void findsTheOnlyMember() {
    assertThat(JsonMembers.value("{\"a\":[1,2]}", "a")).isEqualTo("[1,2]");
  }

  @Test
  void findsAMemberAfterOthersOfEveryShape() {
    String object =
        "{\"s\":\"x,}\\\"]\",\"o\":{\"a\":{\"b\":[\"}\"]}},\"l\":[[],{}],\"n\":-1.5E3,"
            + "\"t\":true,\"z\":null,\"want\":\"it\",\"after\":0}";

    assertThat(JsonMembers.value(object, "want")).isEqualTo("\"it\"");
    assertThat(JsonMembers.value(object, "z")).isEqualTo("null");
    assertThat(JsonMembers.value(object, "after")).isEqualTo("0");
  }

  @Test
  void matchesWholeNamesOnly() {
    String object = "{\"ab\":1,\"a\":2,\"abc\":3}";

    assertThat(JsonMembers.value(object, "a")).isEqualTo("2");
    assertThat(JsonMembers.valueOrElse(object, "b", "none")).isEqualTo("none");
  }

  @Test
  void valueThatLooksLikeTheNameIsNotAMember() {
    assertThat(JsonMembers.valueOrElse("{\"x\":\"a\",\"y\":1}", "a", "none")).isEqualTo("none");
  }

  @Test
  void emptyObjectHasNoMembers() {
    assertThat(JsonMembers.valueOrElse("{}", "a", "none")).isEqualTo("none");
    assertThatThrownBy(() -> JsonMembers.value("{}", "a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("printed object has no member a");
  }
}
