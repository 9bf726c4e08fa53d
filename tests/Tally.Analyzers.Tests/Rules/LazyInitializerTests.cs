using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A write reached from a timer only through a lazy initialiser (a surveillance application's object lists and settings,
/// loaded by a static getter while their cached field is null, which start-up runs on the UI thread long before a grid
/// view's or a network-change timer reads the getter): the timer's run writes there only if nothing loaded the field
/// before it. The overlap is possible (a first use on the timer itself), so the finding stays, inferred. A writer
/// reached without passing the guard, a guard whose branch does not assign its field, a guard on another object's field,
/// and a lazy getter that only the timer runs stay certain.
/// </summary>
public class LazyInitializerTests
{
    private const string GridWindow = """
        using System.Timers;

        public sealed class GridWindow
        {
            private readonly Timer _timer = new Timer(500);
            public int Shown;

            public GridWindow()
            {
                _timer.Elapsed += OnLayoutElapsed;
                _timer.Start();
            }

            private void OnLayoutElapsed(object? sender, ElapsedEventArgs e)
            {
                foreach (var item in Registry.Items)
                {
                    Shown = item.Order;
                }
            }
        }
        """;

    [Fact]
    public Task CounterSteppedByALazyLoaderOfAListThatATimerReads_AndByUiCode_IsInferred()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;

            public sealed class Item { public int Order = -1; }

            public static class Registry
            {
                private static List<Item>? _items;
                public static int MaxOrder;

                public static List<Item> Items
                {
                    get
                    {
                        if (_items == null)
                        {
                            LoadAll("items.xml");
                        }

                        return _items!;
                    }
                }

                public static void LoadAll(string path)
                {
                    _items = Read(path);
                }

                private static List<Item> Read(string path)
                {
                    var read = new List<Item> { new Item(), new Item() };
                    MaxOrder = 0;
                    foreach (var item in read)
                    {
                        item.Order = MaxOrder;
                        {|TALLY003:MaxOrder++|};
                    }

                    return read;
                }

                public static void AddItem(Item item)
                {
                    item.Order = MaxOrder;
                    {|TALLY003:MaxOrder++|};
                    Items.Add(item);
                }
            }
            """, "Inferred", GridWindow);

    [Fact]
    public Task CounterSteppedBehindACoalescingGetter_IsInferred()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;

            public sealed class Item { public int Order = -1; }

            public static class Registry
            {
                private static List<Item>? _items;
                public static int MaxOrder;

                public static List<Item> Items => _items ?? Load();

                private static List<Item> Load()
                {
                    _items = new List<Item> { new Item() };
                    foreach (var item in _items)
                    {
                        item.Order = MaxOrder;
                        {|TALLY003:MaxOrder++|};
                    }

                    return _items;
                }

                public static void AddItem(Item item)
                {
                    item.Order = MaxOrder;
                    {|TALLY003:MaxOrder++|};
                    Items.Add(item);
                }
            }
            """, "Inferred", GridWindow);

    [Fact]
    public Task CounterSteppedBehindACoalescingAssignment_IsInferred()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;

            public sealed class Item { public int Order = -1; }

            public static class Registry
            {
                private static List<Item>? _items;
                public static int MaxOrder;

                public static List<Item> Items => _items ??= Load();

                private static List<Item> Load()
                {
                    var items = new List<Item> { new Item() };
                    foreach (var item in items)
                    {
                        item.Order = MaxOrder;
                        {|TALLY003:MaxOrder++|};
                    }

                    return items;
                }

                public static void AddItem(Item item)
                {
                    item.Order = MaxOrder;
                    {|TALLY003:MaxOrder++|};
                    Items.Add(item);
                }
            }
            """, "Inferred", GridWindow);

    [Fact]
    public Task DefaultFixedByALazyConfigurationGetterAfterAnEarlyReturn_ThatATimerReads_IsInferred()
        => AssertCertaintyAsync("""
            using System.Timers;

            public sealed class Settings
            {
                private long _featureSet;

                public long FeatureSet
                {
                    get { return _featureSet; }
                    set { _featureSet = value; }
                }

                public string Address = "";
            }

            public static class App
            {
                private static Settings? _conf;
                private static Timer? _rescan;

                public static Settings Conf
                {
                    get
                    {
                        if (_conf != null)
                            return _conf;
                        _conf = new Settings();
                        if (_conf.FeatureSet < 1)
                            {|TALLY003:_conf.FeatureSet = 1|};
                        return _conf;
                    }
                }

                public static void ApplyInstallOptions(long featureSet) => Conf.FeatureSet = featureSet;

                public static void NetworkChanged()
                {
                    if (_rescan == null)
                    {
                        _rescan = new Timer(5000);
                        _rescan.Elapsed += OnRescan;
                        _rescan.Start();
                    }
                }

                private static void OnRescan(object? sender, ElapsedEventArgs e)
                {
                    _rescan = null;
                    Conf.Address = "10.0.0.1";
                }
            }
            """, "Inferred");

    [Fact]
    public Task CounterSteppedFromATaskRunLoopBesideTheLazyLoader_IsCertain()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Item { public int Order = -1; }

            public static class Registry
            {
                private static List<Item>? _items;
                public static int MaxOrder;

                public static List<Item> Items => _items ?? Load();

                private static List<Item> Load()
                {
                    _items = new List<Item> { new Item() };
                    foreach (var item in _items)
                    {
                        item.Order = MaxOrder;
                        {|TALLY003:MaxOrder++|};
                    }

                    return _items;
                }

                public static void StartImport()
                {
                    Task.Run(() =>
                    {
                        while (true)
                        {
                            {|TALLY003:MaxOrder++|};
                        }
                    });
                }
            }
            """, "Certain", GridWindow);

    [Fact]
    public Task CounterSteppedFromATaskRunLoopAndByUiCode_WithoutAGuard_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading.Tasks;

            public sealed class Item { public int Order = -1; }

            public static class Registry
            {
                public static int MaxOrder;

                public static void StartImport()
                {
                    Task.Run(() =>
                    {
                        while (true)
                        {
                            {|TALLY003:MaxOrder++|};
                        }
                    });
                }

                public static void AddItem(Item item)
                {
                    item.Order = MaxOrder;
                    {|TALLY003:MaxOrder++|};
                }
            }
            """, "Certain");

    [Fact]
    public Task CounterSteppedInANullGuardedBranchThatDoesNotAssignItsField_IsCertain()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;

            public sealed class Item { public int Order = -1; }

            public static class Registry
            {
                private static List<Item>? _items;
                public static int MaxOrder;

                public static List<Item> Items
                {
                    get
                    {
                        if (_items == null)
                        {
                            Renumber();
                        }

                        return _items ?? new List<Item>();
                    }
                }

                private static void Renumber()
                {
                    {|TALLY003:MaxOrder++|};
                }

                public static void Reload(List<Item> items) => _items = items;

                public static void AddItem(Item item)
                {
                    item.Order = MaxOrder;
                    {|TALLY003:MaxOrder++|};
                }
            }
            """, "Certain", GridWindow);

    [Fact]
    public Task CounterSteppedBehindANullTestOfAnotherObjectsField_IsCertain()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;

            public sealed class Item { public int Order = -1; }

            public sealed class Holder { public List<Item>? Items; }

            public static class Registry
            {
                private static readonly Holder s_holder = new Holder();
                public static int MaxOrder;

                public static List<Item> Items
                {
                    get
                    {
                        if (s_holder.Items == null)
                        {
                            Load(s_holder);
                        }

                        return s_holder.Items!;
                    }
                }

                private static void Load(Holder holder)
                {
                    holder.Items = new List<Item> { new Item() };
                    {|TALLY003:MaxOrder++|};
                }

                public static void AddItem(Item item)
                {
                    item.Order = MaxOrder;
                    {|TALLY003:MaxOrder++|};
                }
            }
            """, "Certain", GridWindow);

    [Fact]
    public Task StaticCounterSteppedBehindANullTestOfAnInstanceField_InAFanOut_IsCertain()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Session
            {
                private List<int>? _buffer;
                public static int Buffers;

                public List<int> Buffer => _buffer ?? Make();

                private List<int> Make()
                {
                    _buffer = new List<int>();
                    {|TALLY003:Buffers++|};
                    return _buffer;
                }
            }

            public static class Pump
            {
                public static int Pending(Session session) => session.Buffer.Count;

                public static void Flush(List<Session> sessions) => Parallel.ForEach(sessions, session => session.Buffer.Clear());
            }
            """, "Certain");

    [Fact]
    public Task CounterSteppedByALazyLoaderThatOnlyTheTimerRuns_IsCertain()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;
            using System.Timers;

            public sealed class Item { public int Order = -1; }

            public sealed class GridWindow
            {
                private static List<Item>? s_items;
                private readonly Timer _timer = new Timer(500);
                public static int MaxOrder;
                public int Shown;

                public GridWindow()
                {
                    _timer.Elapsed += OnLayoutElapsed;
                    _timer.Start();
                }

                private static List<Item> Items => s_items ?? Load();

                private static List<Item> Load()
                {
                    s_items = new List<Item> { new Item() };
                    {|TALLY003:MaxOrder++|};
                    return s_items;
                }

                public static void AddItem(Item item)
                {
                    item.Order = MaxOrder;
                    {|TALLY003:MaxOrder++|};
                }

                private void OnLayoutElapsed(object? sender, ElapsedEventArgs e)
                {
                    foreach (var item in Items)
                    {
                        Shown = item.Order;
                    }
                }
            }
            """, "Certain");

    private static async Task AssertCertaintyAsync(string markup, string certainty, params string[] others)
    {
        var options = new TestOptions { AdditionalSources = others };
        await Verify.VerifyAnalyzerAsync(markup, options);

        var parsed = MarkupParser.Parse(markup);
        var spans = parsed.Spans.Select(s => s.Span).ToHashSet();
        var marked = (await Verify.GetDiagnosticsAsync(parsed.Text, options)).Where(d => d.Location.SourceTree?.FilePath == TestWorkspace.DocumentPath(0) && spans.Contains(d.Location.SourceSpan)).ToList();
        Assert.Equal(spans.Count, marked.Count);
        Assert.All(marked, d => Assert.Equal(certainty, d.Properties["Certainty"]));
    }
}
