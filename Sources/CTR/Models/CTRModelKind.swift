/// Which model sits on top of the embedding layer.
public enum CTRModelKind: String, Sendable, CaseIterable {
    /// Factorization machine: global bias, first-order weights and pairwise interactions of
    /// the field embeddings (Rendle, 2010).
    case fm
    /// DeepFM: the factorization machine plus an MLP over the concatenated field embeddings,
    /// whose output is added to the logit (Guo et al., 2017).
    case deepfm
}
