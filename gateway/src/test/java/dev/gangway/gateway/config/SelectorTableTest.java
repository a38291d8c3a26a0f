package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelectorTableTest {
  private static SelectorTable<String> table(boolean laterWins, String... selectorsAndValues) {
    SelectorTable.Builder<String> builder = SelectorTable.builder(laterWins);
    for (int i = 0; i < selectorsAndValues.length; i += 2) {
      builder.add(selectorsAndValues[i], selectorsAndValues[i + 1]);
    }
    return builder.build();
  }

  @Test
  void theExactNameBeatsTheLongestEnclosingPrefixWhichBeatsShorterOnesAndAny() {
    SelectorTable<String> table = table(true,
        "*", "any", "acme.*", "acme", "acme.shop.v1.*", "v1", "acme.shop.v1.Orders.Get", "get");

    assertThat(table.find("acme.shop.v1.Orders.Get")).hasValue("get");
    assertThat(table.find("acme.shop.v1.Orders.List")).hasValue("v1");
    assertThat(table.find("acme.shop.v2.Orders.List")).hasValue("acme");
    assertThat(table.find("other.Service.Method")).hasValue("any");
    assertThat(table.any()).hasValue("any");
  }

  @Test
  void aPrefixCoversOnlyWholeSegmentsAndNotTheNameItself() {
    SelectorTable<String> table = table(true, "acme.shop.*", "shop");

    assertThat(table.find("acme.shopping.Cart.Get")).isEmpty();
    assertThat(table.find("acme.shop")).isEmpty();
    assertThat(table.find("acme.shop.Cart")).hasValue("shop");
    assertThat(SelectorTable.covers("acme.shop.*", "acme.shopping.Cart")).isFalse();
    assertThat(SelectorTable.covers("acme.shop.*", "acme.shop.v1.Cart")).isTrue();
    assertThat(SelectorTable.covers("*", "anything")).isTrue();
    assertThat(SelectorTable.covers("acme.shop.Cart", "acme.shop.Cart")).isTrue();
    assertThat(SelectorTable.covers("acme.shop.Cart", "acme.shop.Cart.Get")).isFalse();
  }

  @Test
  void aSelectorGivenTwiceKeepsTheLaterOrTheFirstValueAsAsked() {
    String[] entries = {"*", "any-1", "acme.*", "acme-1", "acme.A.M", "m-1",
        "*", "any-2", "acme.*", "acme-2", "acme.A.M", "m-2"};

    SelectorTable<String> later = table(true, entries);
    SelectorTable<String> first = table(false, entries);

    assertThat(later.find("acme.A.M")).hasValue("m-2");
    assertThat(later.find("acme.A.N")).hasValue("acme-2");
    assertThat(later.find("x.Y")).hasValue("any-2");
    assertThat(first.find("acme.A.M")).hasValue("m-1");
    assertThat(first.find("acme.A.N")).hasValue("acme-1");
    assertThat(first.find("x.Y")).hasValue("any-1");
  }

  @Test
  void aWholeNameIsLookedUpAsItIsThenAny() {
    SelectorTable<String> table = table(true, "composite:a.b", "ab", "composite:*", "never");

    assertThat(table.findWhole("composite:a.b")).hasValue("ab");
    assertThat(table.findWhole("composite:a.c")).isEmpty();
    assertThat(table(true, "*", "any").findWhole("composite:a.c")).hasValue("any");
    assertThat(table(true).find("a.B")).isEmpty();
  }
}
