using Cairn.Crypto.Hashing;
using Cairn.Execution.Hashing;
using Cairn.Execution.Json;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Execution.Tests;

/// <summary>
/// Random transactions hashed by Cairn (JSON parse + hash) and by starknet.js 10.8 through the oracle
/// (<c>tx_hash_*</c> and <c>contract_address</c> ops of tests/oracle/oracle.mjs).
/// </summary>
public sealed class DifferentialTests
{
    private const int Count = 400;

    // starknet.js's Pedersen is slow (about 1.5 ms a hash): fewer of the Pedersen-heavy ones.
    private const int PedersenCount = 200;

    private static ScureOracle Oracle => ScureOracle.Shared;

    private static void Compare(string op, IReadOnlyList<(string Json, string ChainId)> txs)
    {
        var expected = Oracle.Call(op, txs.Select(t => new[] { t.Json, t.ChainId }).ToArray());
        for (int i = 0; i < txs.Count; i++)
        {
            var tx = TransactionJson.Parse(txs[i].Json, TransactionJsonOptions.AnyVersion);
            var got = TransactionHasher.Compute(tx, Felt.Parse(txs[i].ChainId)).ToString();
            Assert.True(expected[i] == got, $"{op} #{i} chain {txs[i].ChainId}: Cairn {got}, starknet.js {expected[i]}\n{txs[i].Json}");
        }
    }

    [Fact]
    public void InvokeV3()
    {
        var r = new RandomTransactions(501);
        Compare("tx_hash_invoke_v3", Enumerable.Range(0, Count).Select(_ => (r.InvokeV3(r.Coin()), r.ChainId())).ToArray());
    }

    [Fact]
    public void DeclareV3()
    {
        var r = new RandomTransactions(502);
        Compare("tx_hash_declare_v3", Enumerable.Range(0, Count).Select(_ => (r.DeclareV3(r.Coin()), r.ChainId())).ToArray());
    }

    [Fact]
    public void DeployAccountV3()
    {
        var r = new RandomTransactions(503);
        Compare("tx_hash_deploy_account_v3", Enumerable.Range(0, PedersenCount).Select(_ => (r.DeployAccountV3(r.Coin()), r.ChainId())).ToArray());
    }

    [Fact]
    public void L1Handler()
    {
        var r = new RandomTransactions(504);
        Compare("tx_hash_l1_handler", Enumerable.Range(0, PedersenCount).Select(_ => (r.L1Handler(), r.ChainId())).ToArray());
    }

    [Fact]
    public void LegacyPedersenForms()
    {
        var r = new RandomTransactions(506);
        Compare("tx_hash_legacy_v1", Enumerable.Range(0, PedersenCount).Select(_ => (r.LegacyV1(r.Coin()), r.ChainId())).ToArray());
    }

    [Fact]
    public void ContractAddress()
    {
        var r = new RandomTransactions(505);
        var rows = new List<string[]>();
        for (int i = 0; i < PedersenCount; i++)
        {
            var row = new List<string> { r.Felt(), r.Felt(), r.Coin() ? "0x0" : r.Felt() };
            int n = r.Next(7);
            for (int j = 0; j < n; j++) row.Add(r.Felt());
            rows.Add(row.ToArray());
        }
        var expected = Oracle.Call("contract_address", rows);
        for (int i = 0; i < rows.Count; i++)
        {
            var f = rows[i].Select(x => Felt.Parse(x)).ToArray();
            var got = ContractAddressCalculator.Compute(f[0], f[1], f.AsSpan(3), f[2]).ToString();
            Assert.True(expected[i] == got, $"contract_address #{i} [{string.Join(", ", rows[i])}]: Cairn {got}, starknet.js {expected[i]}");
        }
    }
}
