namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Second fresh sample, family P (clean): a messaging link keeps its credit under one lock object. The base class locks
/// its private field when it sends; a derived receiving link, in another file, locks the same object through the base's
/// protected <c>SyncRoot</c> property (a getter that only returns the field) when it issues more credit from the
/// receive callbacks and a refill timer. One object, one lock. Expected: nothing reported.
/// </summary>
internal static class LinkCreditThroughSyncRootCase
{
    public static CorpusCase Case { get; } = new("LinkCreditThroughSyncRoot", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Links
        {
            /// <summary>A link of a session: credit granted by the peer, spent one delivery at a time.</summary>
            public abstract class LinkBase
            {
                private readonly object syncRoot = new object();
                private readonly Queue<byte[]> outgoing = new Queue<byte[]>();
                private uint linkCredit;
                private long deliveryCount;

                protected LinkBase(string name) => this.Name = name;

                public string Name { get; }

                protected object SyncRoot
                {
                    get { return this.syncRoot; }
                }

                protected uint LinkCredit
                {
                    get { return this.linkCredit; }
                    set { this.linkCredit = value; }
                }

                public long DeliveryCount => this.deliveryCount;

                public bool TrySend(byte[] payload)
                {
                    lock (this.syncRoot)
                    {
                        if (this.linkCredit == 0)
                        {
                            this.outgoing.Enqueue(payload);
                            return false;
                        }

                        this.linkCredit--;
                        this.deliveryCount++;
                    }

                    this.Transmit(payload);
                    return true;
                }

                public void OnFlow(uint credit)
                {
                    List<byte[]> ready = new List<byte[]>();
                    lock (this.syncRoot)
                    {
                        this.linkCredit = credit;
                        while (this.linkCredit > 0 && this.outgoing.Count > 0)
                        {
                            this.linkCredit--;
                            this.deliveryCount++;
                            ready.Add(this.outgoing.Dequeue());
                        }
                    }

                    foreach (var payload in ready)
                    {
                        this.Transmit(payload);
                    }
                }

                protected abstract void Transmit(byte[] payload);
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;

            namespace Corpus.Links
            {
                /// <summary>Receives messages; tops up the peer's credit as the application takes them.</summary>
                public sealed class ReceivingLink : LinkBase, IDisposable
                {
                    private readonly Timer refill;
                    private readonly uint window;
                    private int waiters;

                    public ReceivingLink(string name, uint window)
                        : base(name)
                    {
                        this.window = window;
                        this.refill = new Timer(_ => this.IssueCredit(1), null, 1000, 1000);
                    }

                    public void OnMessage(byte[] message)
                    {
                        lock (this.SyncRoot)
                        {
                            this.waiters--;
                        }

                        this.IssueCredit(1);
                    }

                    public void WaitForMessage()
                    {
                        lock (this.SyncRoot)
                        {
                            this.waiters++;
                        }
                    }

                    public void IssueCredit(int count)
                    {
                        lock (this.SyncRoot)
                        {
                            if (this.LinkCredit < this.window)
                            {
                                this.LinkCredit += (uint)count;
                            }
                        }
                    }

                    protected override void Transmit(byte[] payload)
                    {
                    }

                    public void Dispose() => this.refill.Dispose();
                }
            }
            """,
            """
            using System.Threading.Tasks;

            namespace Corpus.Links
            {
                /// <summary>The session's I/O: frames arrive on pool threads and are dispatched to their link.</summary>
                public sealed class Session
                {
                    private readonly ReceivingLink inbound = new ReceivingLink("in", 100);

                    public void OnFrame(byte[] frame)
                    {
                        _ = Task.Run(() => this.inbound.OnMessage(frame));
                    }

                    public void OnFlowFrame(uint credit)
                    {
                        _ = Task.Run(() => this.inbound.OnFlow(credit));
                    }

                    public Task ReceiveAsync() => Task.Run(() => this.inbound.WaitForMessage());
                }
            }
            """,
        },
        Pattern = Issue9Patterns.LockThroughProperty,
        Clean = true,
    };
}
