package dev.gangway.gateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scrape in the Prometheus text exposition format (0.0.4), parsed: the families its {@code #
 * TYPE} lines declare and every sample with its labels. Fails on a line that is neither.
 */
public final class PrometheusText {
  /** One sample line: {@code name{label="value",...} number}. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final Map<String, String> types = new TreeMap<>();
  private final List<Sample> samples = new ArrayList<>();

  private PrometheusText() {}

  public static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        parsed.types.put(parts[0], parts[1]);
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        parsed.samples.add(sample(line));
      }
    }
    return parsed;
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf("=\"", i);
        String label = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      rest = i + 1;
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] value = line.substring(rest).trim().split(" ");
    return new Sample(name, labels, Double.parseDouble(value[0]));
  }

  /** Family name -> type, from the {@code # TYPE} lines. */
  public Map<String, String> types() {
    return types;
  }

  public List<Sample> samples() {
    return samples;
  }

  /** Every sample name (a histogram's {@code _bucket}, {@code _count} and {@code _sum} too). */
  public Set<String> sampleNames() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /**
   * The value of the one sample named {@code name} whose labels include {@code labels} (pairs),
   * or 0 when there is none; fails when several match.
   */
  public double value(String name, String... labels) {
    List<Sample> found = matching(name, labels);
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " samples match " + name + " " + List.of(labels));
    }
    return found.isEmpty() ? 0 : found.get(0).value();
  }

  /** The samples named {@code name} whose labels include {@code labels} (pairs). */
  public List<Sample> matching(String name, String... labels) {
    List<Sample> found = new ArrayList<>();
    for (Sample s : samples) {
      boolean all = s.name().equals(name);
      for (int i = 0; all && i < labels.length; i += 2) {
        all = labels[i + 1].equals(s.labels().get(labels[i]));
      }
      if (all) {
        found.add(s);
      }
    }
    return found;
  }
}
