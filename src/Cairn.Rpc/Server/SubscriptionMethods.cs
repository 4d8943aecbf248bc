using System.Text.Json;
using Cairn.Primitives.Ids;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary>The WebSocket API: the five <c>starknet_subscribe*</c> methods and <c>starknet_unsubscribe</c>.</summary>
public static class SubscriptionMethods
{
    /// <summary>How far back a subscription may start (TOO_MANY_BLOCKS_BACK beyond).</summary>
    public const int MaxBlocksBack = 1024;

    /// <summary>The most addresses / keys a subscription filter may hold.</summary>
    public const int MaxFilterItems = 1024;

    /// <summary>The page size used to replay past events (nodes commonly cap getEvents pages at 100 to 1024).</summary>
    public const int ReplayPageSize = 100;

    private static readonly string[] ReceiptFinalities = ["PRE_CONFIRMED", "ACCEPTED_ON_L2"];
    private static readonly string[] TxStatuses = ["RECEIVED", "CANDIDATE", "PRE_CONFIRMED", "ACCEPTED_ON_L2"];

    public static IEnumerable<RpcMethod> All() =>
    [
        new("starknet_subscribeNewHeads", ["block_id?"], SubscribeNewHeads, webSocketOnly: true),
        new("starknet_subscribeEvents", ["from_address?", "keys?", "block_id?", "finality_status?"], SubscribeEvents, webSocketOnly: true),
        new("starknet_subscribeTransactionStatus", ["transaction_hash"], SubscribeTransactionStatus, webSocketOnly: true),
        new("starknet_subscribeNewTransactionReceipts", ["finality_status?", "sender_address?"], SubscribeNewReceipts, webSocketOnly: true),
        new("starknet_subscribeNewTransactions", ["finality_status?", "sender_address?", "tags?"], SubscribeNewTransactions, webSocketOnly: true),
        new("starknet_unsubscribe", ["subscription_id"], (c, w) => StarknetMethods.Done(() =>
        {
            var id = c[0].ValueKind switch
            {
                JsonValueKind.String => c[0].GetString()!,
                JsonValueKind.Number => c[0].GetRawText(),
                _ => throw new RpcParamException($"subscription_id: expected a string, got {ParamReader.Describe(c[0])}"),
            };
            if (!c.Connection!.Remove(id)) throw new RpcBackendException(RpcErrorCode.InvalidSubscriptionId);
            w.WriteBooleanValue(true);
        }), webSocketOnly: true),
    ];

    /// <summary>The starting block of a subscription: a number at most 1024 behind the latest; null for "from now".</summary>
    private static ulong? StartBlock(RpcCall c, int i)
    {
        if (!c.Has(i)) return null;
        var id = c.Get(i, ParamReader.BlockId);
        if (id.Kind is BlockIdKind.PreConfirmed or BlockIdKind.L1Accepted)
            throw new RpcParamException($"{c.Name(i)}: a subscription cannot start at '{id}'");
        if (id.Kind == BlockIdKind.Latest) return null;
        var header = c.Backend.GetBlockHeader(id);
        var latest = c.Backend.GetLatestBlock().BlockNumber;
        if (latest > header.Number && latest - header.Number > MaxBlocksBack) throw new RpcBackendException(RpcErrorCode.TooManyBlocksBack);
        return header.Number;
    }

    private static ValueTask SubscribeNewHeads(RpcCall c, Utf8JsonWriter w)
    {
        var start = StartBlock(c, 0);
        var s = new NewHeadsSubscription(RpcWebSocketConnection.NewSubscriptionId(), c.Connection!);
        if (start is { } from)
        {
            var latest = c.Backend.GetLatestBlock().BlockNumber;
            for (var n = from; n <= latest; n++) s.OnNewHead(c.Backend.GetBlockHeader(BlockId.ByNumber(n)));
        }
        c.Connection!.Add(s);
        w.WriteStringValue(s.Id);
        return ValueTask.CompletedTask;
    }

    private static ValueTask SubscribeEvents(RpcCall c, Utf8JsonWriter w)
    {
        var addresses = c.GetOr(0, ParamReader.Addresses, []);
        var keys = c.GetOr(1, ParamReader.Keys, []);
        if (keys.Sum(k => Math.Max(1, k.Count)) > MaxFilterItems) throw RpcBackendException.TooManyKeysInFilter();
        if (addresses.Length > MaxFilterItems) throw new RpcBackendException(RpcErrorCode.TooManyAddressesInFilter);
        var start = StartBlock(c, 2);
        var finality = c.GetOr(3, ParamReader.String, "ACCEPTED_ON_L2");
        if (Array.IndexOf(ReceiptFinalities, finality) < 0) throw new RpcParamException($"finality_status: '{finality}' is not PRE_CONFIRMED or ACCEPTED_ON_L2");
        var s = new EventsSubscription(RpcWebSocketConnection.NewSubscriptionId(), c.Connection!, addresses, keys, finality == "PRE_CONFIRMED");
        if (start is { } from)
        {
            string? token = null;
            do
            {
                var page = c.Backend.GetEvents(s.Filter with { FromBlock = BlockId.ByNumber(from), ToBlock = BlockId.Latest, ChunkSize = ReplayPageSize, ContinuationToken = token });
                foreach (var e in page.Events) s.Replay(e, RpcFinalityStatus.AcceptedOnL2);
                token = page.ContinuationToken;
            }
            while (token is not null);
        }
        c.Connection!.Add(s);
        w.WriteStringValue(s.Id);
        return ValueTask.CompletedTask;
    }

    private static ValueTask SubscribeTransactionStatus(RpcCall c, Utf8JsonWriter w)
    {
        var hash = new TxHash(c.Get(0, ParamReader.Felt));
        var s = new TransactionStatusSubscription(RpcWebSocketConnection.NewSubscriptionId(), c.Connection!, hash);
        c.Connection!.Add(s);
        try
        {
            s.Send(c.Backend.GetTransactionStatus(hash));
        }
        catch (RpcBackendException e) when (e.Code == RpcErrorCode.TxnHashNotFound)
        {
            // Not known yet: the first notification comes with its first status.
        }
        w.WriteStringValue(s.Id);
        return ValueTask.CompletedTask;
    }

    private static SenderFilter Senders(RpcCall c, int i)
    {
        var senders = c.GetOr(i, ParamReader.Addresses, []);
        if (senders.Length > MaxFilterItems) throw new RpcBackendException(RpcErrorCode.TooManyAddressesInFilter);
        return new SenderFilter(senders);
    }

    private static ValueTask SubscribeNewReceipts(RpcCall c, Utf8JsonWriter w)
    {
        var finalities = c.GetOr(0, (e, p) => ParamReader.Strings(e, p, ReceiptFinalities), ["ACCEPTED_ON_L2"]);
        var set = finalities.Select(f => f == "PRE_CONFIRMED" ? RpcFinalityStatus.PreConfirmed : RpcFinalityStatus.AcceptedOnL2).ToHashSet();
        if (set.Count == 0) set.Add(RpcFinalityStatus.AcceptedOnL2);
        var s = new NewReceiptsSubscription(RpcWebSocketConnection.NewSubscriptionId(), c.Connection!, set, Senders(c, 1));
        c.Connection!.Add(s);
        w.WriteStringValue(s.Id);
        return ValueTask.CompletedTask;
    }

    private static ValueTask SubscribeNewTransactions(RpcCall c, Utf8JsonWriter w)
    {
        var statuses = c.GetOr(0, (e, p) => ParamReader.Strings(e, p, TxStatuses), ["ACCEPTED_ON_L2"]);
        var set = statuses.Select(s => RpcEnums.ParseTxStatus(s)!.Value).ToHashSet();
        if (set.Count == 0) set.Add(RpcTransactionStatus.AcceptedOnL2);
        var tags = c.GetOr(2, (e, p) => ParamReader.Strings(e, p, "INCLUDE_PROOF_FACTS"), []);
        var s = new NewTransactionsSubscription(RpcWebSocketConnection.NewSubscriptionId(), c.Connection!, set, Senders(c, 1), tags.Length > 0);
        c.Connection!.Add(s);
        w.WriteStringValue(s.Id);
        return ValueTask.CompletedTask;
    }
}
