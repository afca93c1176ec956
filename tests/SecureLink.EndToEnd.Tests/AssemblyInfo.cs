// One browser at a time: the machine has two cores, and the tests reason about
// the host processes each browser starts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
