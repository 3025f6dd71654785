using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace WorkflowKit.Bench.Peer;

/// <summary>Totals the order lines.</summary>
public sealed class TotalOrder : StepBody
{
    public OrderData Data { get; set; } = new();

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        Data.Total = Data.Lines.Sum(line => line.Quantity * line.UnitPrice);
        return ExecutionResult.Next();
    }
}

/// <summary>The credit check: no overdue records and the order fits under the limit.</summary>
public sealed class CheckCredit : StepBody
{
    public OrderData Data { get; set; } = new();

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        Data.CreditOk = Data.OverdueCount == 0 && Data.Exposure + Data.Total <= Data.CreditLimit;
        return ExecutionResult.Next();
    }
}

/// <summary>The approval, decided automatically as in WorkflowKit's automatic-step flow.</summary>
public sealed class AutoApprove : StepBody
{
    public OrderData Data { get; set; } = new();

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        Data.Approved = Data.CreditOk;
        return ExecutionResult.Next();
    }
}

/// <summary>Creates the shipping record and reports the instance as finished.</summary>
public sealed class CreateRecord(PeerCompletion completion) : StepBody
{
    public OrderData Data { get; set; } = new();

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        completion.RecordCreated(Data);
        return ExecutionResult.Next();
    }
}
