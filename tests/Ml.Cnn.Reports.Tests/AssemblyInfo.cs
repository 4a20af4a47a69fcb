// libtorch's thread count and seed are process-wide, and leak checks count every live handle: run these tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
