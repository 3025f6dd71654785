using WorkflowCore.Interface;

namespace WorkflowKit.Bench.Peer;

/// <summary>The benchmark's order flow in WorkflowCore: total, credit check, approval, record, end.</summary>
public sealed class OrderWorkflow : IWorkflow<OrderData>
{
    public string Id => "order";

    public int Version => 1;

    public void Build(IWorkflowBuilder<OrderData> builder)
    {
        builder
            .StartWith<TotalOrder>().Input(step => step.Data, data => data)
            .Then<CheckCredit>().Input(step => step.Data, data => data)
            .Then<AutoApprove>().Input(step => step.Data, data => data)
            .Then<CreateRecord>().Input(step => step.Data, data => data);
    }
}
