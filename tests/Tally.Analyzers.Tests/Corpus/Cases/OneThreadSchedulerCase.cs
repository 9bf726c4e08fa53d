namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean): an actor-style mailbox posts every piece of work with <c>Task.Factory.StartNew</c> on the
/// exclusive scheduler of a <c>ConcurrentExclusiveSchedulerPair</c>, which runs one task at a time. Posts come from
/// many threads, but the state updates inside the posted work never overlap. Expected: nothing reported.
/// </summary>
internal static class OneThreadSchedulerCase
{
    public static CorpusCase Case { get; } = new("OneThreadScheduler", """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Actors
        {
            public sealed class AccountActor
            {
                private readonly TaskScheduler _exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
                private readonly List<decimal> _history = new List<decimal>();
                private decimal _balance;
                private int _operations;
                private int _rejected;

                public Task Deposit(decimal amount) => Post(() =>
                {
                    _balance += amount;
                    _history.Add(amount);
                    _operations++;
                });

                public Task Withdraw(decimal amount) => Post(() =>
                {
                    if (amount > _balance)
                    {
                        _rejected++;
                        return;
                    }

                    _balance -= amount;
                    _history.Add(-amount);
                    _operations++;
                });

                public Task<decimal> GetBalance() =>
                    Task.Factory.StartNew(() => _balance, CancellationToken.None, TaskCreationOptions.None, _exclusive);

                private Task Post(Action work) =>
                    Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _exclusive);
            }

            public static class Teller
            {
                public static Task PayAll(AccountActor account, IEnumerable<decimal> amounts)
                {
                    var posted = new List<Task>();
                    Parallel.ForEach(amounts, amount =>
                    {
                        lock (posted)
                        {
                            posted.Add(account.Deposit(amount));
                        }
                    });
                    return Task.WhenAll(posted);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.StartNewOnOneThreadScheduler,
        Clean = true,
    };
}
