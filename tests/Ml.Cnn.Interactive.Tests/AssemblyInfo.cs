// One notebook at a time: each trains on the two cores, and .NET Interactive's formatters are process-wide.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
