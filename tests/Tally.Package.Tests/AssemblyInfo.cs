using Xunit;

// Each test drives whole dotnet processes (pack, restore, build, format); on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
