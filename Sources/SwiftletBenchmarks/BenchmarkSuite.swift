/// The measurements behind `swiftlet bench`: each prints figures and returns a JSON-encodable report.
public enum BenchmarkSuite {}
