// libtorch state (thread count, RNG seed, live-handle counters) is process-wide, so the tests of this assembly run one
// at a time: a handle-count assertion must not see another test's tensors, nor a thread-count test another's setting.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
