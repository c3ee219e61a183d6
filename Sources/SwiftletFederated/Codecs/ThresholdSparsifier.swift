/// Keeps every value whose magnitude is at least `τ` (`threshold:<τ>`): the count adapts to the update.
///
/// Threshold sparsification with a residual carried between steps is Strom's ("Scalable Distributed DNN
/// Training Using Commodity GPU Cloud Computing", Interspeech 2015); Aji and Heafield ("Sparse
/// Communication for Distributed Gradient Descent", EMNLP 2017) compare it with a fixed fraction. The
/// number of bytes is not known before encoding — the simulator prices each update at its real size. A NaN
/// is always kept (it compares above any threshold), so the receiver sees and rejects it.
enum ThresholdSparsifier {
    /// The sorted positions of the values whose magnitude is at least `threshold`.
    static func select(_ values: UnsafeBufferPointer<Float>, threshold: Float) -> [Int] {
        TopKSparsifier.collect(values, atLeast: TopKSparsifier.magnitudeBits(threshold)).positions
    }
}
