// libtorch settings are process-wide: run the CLI tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
