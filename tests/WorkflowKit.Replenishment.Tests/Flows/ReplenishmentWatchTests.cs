using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Forms;
using WorkflowKit.Replenishment.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Replenishment.Tests.Flows;

/// <summary>
/// Runs the template's <c>replenishment-watch</c> schedule at 06:00 Shanghai on the crafted history and follows
/// the <c>replenishment</c> flow it starts.
/// </summary>
public sealed class ReplenishmentWatchTests
{
    // Expected figures for IVD-0001, computed by hand from CraftedHistory:
    // demand over the 31-day lead time from 2026-12-01 is December's 300; usable stock is A1's free 100;
    // shortfall 300 - 100 = 200. The suggested order covers 31 + 30 review days: 300 + 300 * 30 / 31 - 100
    // = 490.32, rounded up to 491. Unusable stock: A2 500 + A3 400 + A4 200 = 1100.
    private const decimal ExpectedSuggested = 491m;

    private static readonly DateTimeOffset RunAt = new(2026, 11, 30, 22, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Watch_StartsOneReplenishmentForShortProduct()
    {
        await using var world = await StartedWorldAsync();

        var children = await ReplenishmentsAsync(world);

        Assert.That(children.Select(child => child.Form["product"]!.GetValue<string>()), Is.EqualTo(new[] { "IVD-0001" }));
        var form = children[0].Form;
        Assert.Multiple(() =>
        {
            Assert.That(Number(form["forecastDemand"]), Is.EqualTo(300m), "forecastDemand");
            Assert.That(Number(form["usableStock"]), Is.EqualTo(100m), "usableStock");
            Assert.That(Number(form["unusableStock"]), Is.EqualTo(1100m), "unusableStock");
            Assert.That(Number(form["coveredByStock"]), Is.EqualTo(100m), "coveredByStock");
            Assert.That(Number(form["incomingQuantity"]), Is.EqualTo(0m), "incomingQuantity");
            Assert.That(Number(form["shortfall"]), Is.EqualTo(200m), "shortfall");
            Assert.That(Number(form["suggestedQuantity"]), Is.EqualTo(ExpectedSuggested), "suggestedQuantity");
            Assert.That(Number(form["plannedQuantity"]), Is.EqualTo(ExpectedSuggested), "plannedQuantity prefilled");
            Assert.That(form["asOf"]!.GetValue<string>(), Is.EqualTo("2026-12-01"), "asOf");
            Assert.That(form["expectedArrival"]!.GetValue<string>(), Is.EqualTo("2027-01-01"), "expectedArrival");
        });
    }

    [Test]
    public async Task Watch_AssignsTasksWithDeadlines()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();

        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);

        var byNode = tasks.Where(task => task.Status == TaskStatuses.Open)
            .Select(task => $"{task.NodeId}:{task.Assignee}").Order(StringComparer.Ordinal);
        Assert.That(byNode, Is.EqualTo(new[]
        {
            "adjustPlan:buyer-1", "confirmDemand:sales-east-2", "confirmDemand:sales-north-1", "prepareStock:wh-east",
        }));

        // The watch runs on Tuesday 2026-12-01 06:00 Shanghai, before working time, so one workday ends on
        // Tuesday at 18:00 and two on Wednesday at 18:00 (10:00 UTC).
        var tuesdayEnd = new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.FromHours(8));
        Assert.Multiple(() =>
        {
            Assert.That(tasks.Single(task => task.NodeId == "adjustPlan").DueAt, Is.EqualTo(tuesdayEnd));
            Assert.That(tasks.Single(task => task.NodeId == "prepareStock").DueAt, Is.EqualTo(tuesdayEnd.AddDays(1)));
            Assert.That(tasks.Where(task => task.NodeId == "confirmDemand").Select(task => task.DueAt),
                Is.All.EqualTo(tuesdayEnd.AddDays(1)));
        });
    }

    [Test]
    public async Task Watch_StockTaskGoesToEastWarehouse()
    {
        // In the last 12 months east ordered 2200 units of IVD-0001 (C0001 150 x 10, C0003 50 x 10 + 100 x 2). North
        // ordered 1400 (C0002 100 x 10 + 200 x 2), so the Shanghai warehouse receives the stock.
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();

        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(child.Form["receivingWarehouse"]?.GetValue<string>(), Is.EqualTo("sh"));
            Assert.That(child.Form["receivingRegion"]?.GetValue<string>(), Is.EqualTo("east"));
            Assert.That(tasks.Where(task => task.NodeId == "prepareStock").Select(task => task.Assignee),
                Is.EqualTo(new[] { "wh-east" }));
        });
    }

    [Test]
    public async Task Watch_StockTaskGoesToNorthWarehouse()
    {
        // 2000 more units a month for north customer C0002 over the last 12 months outweigh east's 2200.
        await using var world = await StartedWorldAsync(async world =>
        {
            for (var month = new DateOnly(2025, 12, 10); month < CraftedHistory.Today; month = month.AddMonths(1))
            {
                await world.AddAsync("order", new JsonObject
                {
                    ["customer"] = "C0002",
                    ["orderDate"] = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["status"] = "shipped",
                    ["lines"] = new JsonArray(new JsonObject
                    {
                        ["product"] = "IVD-0001", ["quantity"] = 2000, ["unitPrice"] = 10m,
                    }),
                });
            }
        });
        var child = (await ReplenishmentsAsync(world))
            .Single(instance => instance.Form["product"]!.GetValue<string>() == "IVD-0001");

        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var prepare = tasks.Single(task => task.NodeId == "prepareStock");
        await ActAsync(world, prepare, TaskActions.Submit, new JsonObject { ["stockPrepared"] = true });

        var stored = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance;
        Assert.Multiple(() =>
        {
            Assert.That(child.Form["receivingWarehouse"]?.GetValue<string>(), Is.EqualTo("bj"));
            Assert.That(prepare.Assignee, Is.EqualTo("wh-north"));
            Assert.That(stored.Form["preparedBy"]?.GetValue<string>(), Is.EqualTo("wh-north"));
        });
    }

    [Test]
    public async Task ManualStart_CentralWarehouseReceives()
    {
        // Started by hand without a receiving warehouse, the replenishment sends the stock task to the staff of the
        // central warehouse sh, which serves east.
        await using var world = await StartedWorldAsync();
        var started = await world.Engine.StartAsync(
            new StartInstanceRequest("replenishment", "buyer-1")
            {
                Form = new JsonObject
                {
                    ["product"] = "IVD-0002", ["leadTimeDays"] = 31, ["suggestedQuantity"] = 100,
                    ["forecastDemand"] = 300, ["coveredByStock"] = 200, ["incomingQuantity"] = 0, ["shortfall"] = 100,
                },
            },
            CancellationToken.None);

        var tasks = await world.Engine.QueryTasksAsync(
            new TaskQuery { InstanceId = started.Id }, CancellationToken.None);
        var stored = (await world.Engine.GetInstanceAsync(started.Id, CancellationToken.None))!.Instance;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Form["receivingWarehouse"]?.GetValue<string>(), Is.EqualTo("sh"));
            Assert.That(tasks.Where(task => task.NodeId == "prepareStock").Select(task => task.Assignee),
                Is.EqualTo(new[] { "wh-east" }));
        });
    }

    [Test]
    public async Task Watch_ListsCustomersWhoseForecastRose()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();

        var rows = child.Form["confirmations"]!.AsArray().Select(row => row!.AsObject()).ToList();

        Assert.That(rows.Select(row => row["customer"]!.GetValue<string>()), Is.EqualTo(new[] { "C0003", "C0002" }));
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(row => row["salesOwner"]!.GetValue<string>()),
                Is.EqualTo(new[] { "sales-east-2", "sales-north-1" }));
            Assert.That(rows.Select(row => Number(row["recentQuantity"])), Is.EqualTo(new[] { 100m, 200m }),
                "October and November orders");
            Assert.That(rows.Select(row => Number(row["forecastQuantity"])),
                Is.All.GreaterThan(120m), "December and January forecasts");
        });
    }

    [Test]
    public async Task Watch_DraftsPlanAndSubmitsItAfterTasks()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var draft = (await world.AllAsync("purchase-plan")).Single(plan => plan.Data["product"]!.GetValue<string>() == "IVD-0001");
        Assert.Multiple(() =>
        {
            Assert.That(draft.Data["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(Number(draft.Data["quantity"]), Is.EqualTo(ExpectedSuggested));
        });

        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        await ActAsync(world, tasks.Single(t => t.NodeId == "adjustPlan"), TaskActions.Submit,
            new JsonObject { ["plannedQuantity"] = 520 });
        await ActAsync(world, tasks.Single(t => t.NodeId == "prepareStock"), TaskActions.Submit,
            new JsonObject { ["stockPrepared"] = true });
        foreach (var confirm in tasks.Where(t => t.NodeId == "confirmDemand"))
        {
            await ActAsync(world, confirm, TaskActions.Approve, null);
        }

        var submitted = (await world.AllAsync("purchase-plan")).Single(plan => plan.Id == draft.Id);
        var instance = await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(instance!.Instance.Status, Is.EqualTo("completed"));
            Assert.That(submitted.Data["status"]!.GetValue<string>(), Is.EqualTo("submitted"));
            Assert.That(Number(submitted.Data["quantity"]), Is.EqualTo(520m));
            Assert.That(draft.Data["warehouse"]?.GetValue<string>(), Is.EqualTo("sh"), "draft warehouse");
            Assert.That(submitted.Data["warehouse"]?.GetValue<string>(), Is.EqualTo("sh"), "submitted warehouse");
            Assert.That(submitted.Data["preparedBy"]?.GetValue<string>(), Is.EqualTo("wh-east"), "plan preparedBy");
            Assert.That(instance.Instance.Form["preparedBy"]?.GetValue<string>(), Is.EqualTo("wh-east"), "form preparedBy");
        });
    }

    /// <summary>
    /// Both sales owners load the same two rows. Each submits the whole sub-table, with its own row confirmed and the
    /// other row as loaded, and the stored form keeps each owner's own row. The second owner's copy of the first
    /// owner's row is stale by then, and is ignored rather than rejected.
    /// </summary>
    [Test]
    public async Task Confirm_EachOwnerKeepsOwnRows()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var north = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-north-1");

        var eastRows = loaded.DeepClone().AsArray();
        eastRows[0]!["confirmedQuantity"] = 150;
        await ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = eastRows });
        world.Time.Advance(TimeSpan.FromMinutes(5));
        var northRows = loaded.DeepClone().AsArray();
        northRows[1]!["confirmedQuantity"] = 210;
        await ActAsync(world, north, TaskActions.Approve, new JsonObject { ["confirmations"] = northRows });

        var stored = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance
            .Form["confirmations"]!.AsArray();
        Assert.That(stored[0]!["customer"]!.GetValue<string>(), Is.EqualTo("C0003"));
        Assert.That(Number(stored[0]!["confirmedQuantity"]), Is.EqualTo(150m), "sales-east-2's row");
        Assert.That(Number(stored[1]!["confirmedQuantity"]), Is.EqualTo(210m), "sales-north-1's row");
    }

    /// <summary>
    /// sales-north-1 has not submitted, so its row is stored as sales-east-2 loaded it. A different value in that row
    /// is an edit of another owner's row, which is rejected with the row and its owner, and nothing is stored.
    /// </summary>
    [Test]
    public async Task Confirm_OtherOwnersEditRejected()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var rows = loaded.DeepClone().AsArray();
        rows[0]!["confirmedQuantity"] = 150;
        rows[1]!["confirmedQuantity"] = 999;

        var error = Assert.ThrowsAsync<FieldAccessDeniedException>(
            () => ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = rows }));

        Assert.That(error!.Message, Does.StartWith(
            "Row 2 of sub-table 'confirmations' belongs to 'sales-north-1' (column 'salesOwner') and cannot be " +
            "changed in the task of 'sales-east-2'; submit it unchanged or leave it out."));
        Assert.That(error.FieldId, Is.EqualTo("confirmations"));
        var instance = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance;
        Assert.That(JsonNode.DeepEquals(instance.Form["confirmations"], loaded), Is.True, "nothing stored");
        var open = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        Assert.That(open.Single(t => t.Id == east.Id).Status, Is.EqualTo(TaskStatuses.Open), "task still open");
    }

    /// <summary>
    /// sales-north-1 submits after sales-east-2 and also changes sales-east-2's row. That copy may be stale, since
    /// north loaded the rows before east submitted, so it is ignored and east's value stays.
    /// </summary>
    [Test]
    public async Task Confirm_StaleOtherRowIgnored()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var north = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-north-1");

        var eastRows = loaded.DeepClone().AsArray();
        eastRows[0]!["confirmedQuantity"] = 150;
        await ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = eastRows });
        var northRows = loaded.DeepClone().AsArray();
        northRows[0]!["confirmedQuantity"] = 777;
        northRows[1]!["confirmedQuantity"] = 210;
        var result = await ActAsync(
            world, north, TaskActions.Approve, new JsonObject { ["confirmations"] = northRows });

        var stored = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance
            .Form["confirmations"]!.AsArray();
        Assert.That(Number(stored[0]!["confirmedQuantity"]), Is.EqualTo(150m), "sales-east-2's row, not 777");
        Assert.That(Number(stored[1]!["confirmedQuantity"]), Is.EqualTo(210m), "sales-north-1's row");
        Assert.That(result.KeptRows, Is.EqualTo(new[] { new KeptOwnerRow("confirmations", 1, "sales-east-2") }));
    }

    /// <summary>
    /// sales-east-2 transfers its task to sales-east-1, who then edits the rows of sales-east-2, the user the task
    /// was created for, and not any row of its own.
    /// </summary>
    [Test]
    public async Task Confirm_TransferKeepsOriginalRows()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        await world.Engine.ActAsync(
            new TaskActionRequest(east.Id, TaskActions.Transfer, "sales-east-2") { TargetUserId = "sales-east-1" },
            CancellationToken.None);

        var rows = loaded.DeepClone().AsArray();
        rows[0]!["confirmedQuantity"] = 140;
        await world.Engine.ActAsync(
            new TaskActionRequest(east.Id, TaskActions.Approve, "sales-east-1")
            {
                FormChanges = new JsonObject { ["confirmations"] = rows },
            },
            CancellationToken.None);

        var stored = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance
            .Form["confirmations"]!.AsArray();
        Assert.That(Number(stored[0]!["confirmedQuantity"]), Is.EqualTo(140m), "sales-east-2's row");
        Assert.That(JsonNode.DeepEquals(stored[1], loaded[1]), Is.True, "sales-north-1's row is unchanged");
    }

    [Test]
    public async Task Confirm_OwnerColumnCannotChange()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var rows = child.Form["confirmations"]!.DeepClone().AsArray();
        rows[0]!["salesOwner"] = "sales-north-1";

        var error = Assert.ThrowsAsync<FieldAccessDeniedException>(
            () => ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = rows }));

        Assert.That(error!.Message, Does.StartWith(
            "Column 'salesOwner' of sub-table 'confirmations' decides who edits a row and cannot be changed (row 1)"));
        Assert.That(error.FieldId, Is.EqualTo("confirmations.salesOwner"));
    }

    [Test]
    public async Task Watch_NextDayCountsDraftPlanAsIncoming()
    {
        await using var world = await StartedWorldAsync();

        world.Time.Advance(TimeSpan.FromDays(1));
        await world.RunDueWorkAsync();

        var watches = await world.Engine.QueryInstancesAsync(
            new InstanceQuery { FlowKey = "replenishment-watch" }, CancellationToken.None);
        Assert.That(watches, Has.Count.EqualTo(2), "the schedule fired on both days");
        Assert.That(await ReplenishmentsAsync(world), Has.Count.EqualTo(1), "no second replenishment for IVD-0001");
    }

    /// <summary>
    /// sales-east-2 owns the row of C0003, an east customer. The task view leaves out sales-north-1's row of C0002, a
    /// north customer, so the east salesperson never sees another region's customer or quantities.
    /// </summary>
    [Test]
    public async Task Confirm_TaskViewShowsOwnRowsOnly()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");

        var view = await world.Engine.GetTaskViewAsync(east.Id, "sales-east-2", CancellationToken.None);

        var rows = view.Form["confirmations"]!.AsArray();
        Assert.That(rows.Select(row => row!["customer"]!.GetValue<string>()), Is.EqualTo(new[] { "C0003" }));
        Assert.That(view.Form.ToJsonString(), Does.Not.Contain("C0002"));
        Assert.That(view.FieldAccess["confirmations.recentQuantity"], Is.EqualTo("readonly"));
        Assert.That(view.FieldAccess["confirmations"], Is.EqualTo("editable"));
    }

    /// <summary>
    /// sales-east-2 copies sales-east-1 on the demand confirmation, who then sees the rows of the task that copied
    /// them, C0003's, and not sales-north-1's row of the north customer C0002.
    /// </summary>
    [Test]
    public async Task Confirm_CopyShowsCopierRowsOnly()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        await world.Engine.ActAsync(
            new TaskActionRequest(east.Id, TaskActions.CarbonCopy, "sales-east-2") { TargetUserId = "sales-east-1" },
            CancellationToken.None);

        var copied = await world.Engine.GetCarbonCopyViewAsync(child.Id, "sales-east-1", CancellationToken.None);

        Assert.That(copied, Is.Not.Null);
        var rows = copied!["confirmations"]!.AsArray();
        Assert.That(rows.Select(row => row!["customer"]!.GetValue<string>()), Is.EqualTo(new[] { "C0003" }));
        Assert.That(copied.ToJsonString(), Does.Not.Contain("C0002"));
        Assert.That(copied["product"]?.GetValue<string>(), Is.EqualTo("IVD-0001"));
    }

    /// <summary>
    /// Copies from both sales tasks show the rows that both tasks show, which is none, as a field hidden at any
    /// copying node stays hidden.
    /// </summary>
    [Test]
    public async Task Confirm_TwoCopiesNarrowRows()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        foreach (var task in tasks.Where(t => t.NodeId == "confirmDemand"))
        {
            await world.Engine.ActAsync(
                new TaskActionRequest(task.Id, TaskActions.CarbonCopy, task.Assignee) { TargetUserId = "buyer-1" },
                CancellationToken.None);
        }

        var copied = await world.Engine.GetCarbonCopyViewAsync(child.Id, "buyer-1", CancellationToken.None);

        Assert.That(tasks.Count(t => t.NodeId == "confirmDemand"), Is.EqualTo(2));
        Assert.That(copied!["confirmations"]!.AsArray(), Is.Empty);
    }

    /// <summary>
    /// The task sends back the one row its view showed. The engine puts it in the place of sales-east-2's stored row
    /// and keeps sales-north-1's row as stored.
    /// </summary>
    [Test]
    public async Task Confirm_OwnRowsSubmissionKeepsOthers()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var view = await world.Engine.GetTaskViewAsync(east.Id, "sales-east-2", CancellationToken.None);
        var own = view.Form["confirmations"]!.DeepClone().AsArray();
        own[0]!["confirmedQuantity"] = 150;
        own[0]!["note"] = "tender won";

        await ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = own });

        var stored = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance
            .Form["confirmations"]!.AsArray();
        Assert.That(stored, Has.Count.EqualTo(2));
        Assert.That(Number(stored[0]!["confirmedQuantity"]), Is.EqualTo(150m));
        Assert.That(stored[0]!["note"]!.GetValue<string>(), Is.EqualTo("tender won"));
        Assert.That(JsonNode.DeepEquals(stored[1], loaded[1]), Is.True, "sales-north-1's row as stored");
    }

    /// <summary>
    /// The node lets a salesperson confirm a quantity and add a note, and lists the other columns as read-only, so a
    /// changed recent quantity in the salesperson's own row is rejected and nothing is stored.
    /// </summary>
    [Test]
    public async Task Confirm_ReadOnlyColumnRejected()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var own = new JsonArray(loaded[0]!.DeepClone());
        own[0]!["confirmedQuantity"] = 150;
        own[0]!["recentQuantity"] = 5000;

        var error = Assert.ThrowsAsync<FieldAccessDeniedException>(
            () => ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = own }));

        Assert.That(error!.Message, Does.StartWith(
            "Column 'recentQuantity' of sub-table 'confirmations' is read-only at node 'confirmDemand' and cannot be " +
            "changed (row 1); submit it unchanged or leave it out."));
        Assert.That(error.FieldId, Is.EqualTo("confirmations.recentQuantity"));
        var instance = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance;
        Assert.That(JsonNode.DeepEquals(instance.Form["confirmations"], loaded), Is.True, "nothing stored");
    }

    /// <summary>A submission with neither every row nor exactly the user's own rows is rejected with both counts.</summary>
    [Test]
    public async Task Confirm_WrongRowCountRejected()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var rows = new JsonArray(loaded[0]!.DeepClone(), loaded[1]!.DeepClone(), loaded[0]!.DeepClone());

        var error = Assert.ThrowsAsync<FieldAccessDeniedException>(
            () => ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = rows }));

        Assert.That(error!.Message, Does.StartWith(
            "Sub-table 'confirmations' has 2 rows, 1 of them owned by 'sales-east-2' (column 'salesOwner'), but 3 " +
            "rows arrived at node 'confirmDemand'. Send only your own rows in the order the task shows them, or every " +
            "row; submit it unchanged or leave it out."));
    }

    /// <summary>
    /// A confirmed quantity above the row's confirmation limit, which the watch sets to three times the larger of the
    /// forecast and the recent quantity, is rejected with the row, the customer and the limit, and nothing is stored.
    /// The limit itself passes.
    /// </summary>
    [Test]
    public async Task Confirm_AboveLimitRejected()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var loaded = child.Form["confirmations"]!.AsArray();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var east = tasks.Single(t => t.NodeId == "confirmDemand" && t.Assignee == "sales-east-2");
        var row = loaded[0]!.AsObject();
        var limit = Number(row["confirmLimit"]);
        Assert.That(limit, Is.EqualTo(Math.Round(Math.Max(Number(row["forecastQuantity"]), Number(row["recentQuantity"])) * 3, 2)),
            "the watch's confirmLimitFactor parameter is 3");
        var own = new JsonArray(row.DeepClone());
        own[0]!["confirmedQuantity"] = 1e12;

        var error = Assert.ThrowsAsync<InvalidSubmissionException>(() => world.Engine.ActAsync(
            new TaskActionRequest(east.Id, TaskActions.Approve, east.Assignee)
            {
                FormChanges = new JsonObject { ["confirmations"] = own }, Culture = new CultureInfo("zh-CN"),
            },
            CancellationToken.None));

        var failure = error!.Errors.Single();
        Assert.That(failure.Path, Is.EqualTo("confirmations[0].confirmedQuantity"));
        Assert.That(failure.Code, Is.EqualTo("rule"));
        Assert.That(failure.Message, Is.EqualTo(
            "第 1 行：客户 C0003 的确认订货量 1,000,000,000,000 超过确认上限 " +
            limit.ToString("#,0.##", CultureInfo.InvariantCulture) +
            "。请核对数量；确需更多时，请流程负责人调高补货巡检的“确认上限倍数”。"));
        var instance = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance;
        Assert.That(instance.Form["confirmations"]![0]!["confirmedQuantity"]!.GetValue<decimal>(),
            Is.EqualTo(Number(row["confirmedQuantity"])), "nothing stored");

        var atLimit = new JsonArray(row.DeepClone());
        atLimit[0]!["confirmedQuantity"] = limit;
        await ActAsync(world, east, TaskActions.Approve, new JsonObject { ["confirmations"] = atLimit });
        var stored = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance;
        Assert.That(Number(stored.Form["confirmations"]![0]!["confirmedQuantity"]), Is.EqualTo(limit));
    }

    /// <summary>
    /// A planned quantity above the plan limit (ten times the suggested quantity, set by the watch) is rejected with a
    /// message naming the limit, and nothing is stored. The limit itself passes.
    /// </summary>
    [Test]
    public async Task Plan_AboveLimitRejected()
    {
        await using var world = await StartedWorldAsync();
        var child = (await ReplenishmentsAsync(world)).Single();
        var tasks = await world.Engine.QueryTasksAsync(new TaskQuery { InstanceId = child.Id }, CancellationToken.None);
        var adjust = tasks.Single(t => t.NodeId == "adjustPlan");
        var suggested = Number(child.Form["suggestedQuantity"]);
        var limit = Number(child.Form["planLimit"]);
        Assert.That(limit, Is.EqualTo(Math.Round(suggested * 10)), "the watch's planLimitFactor parameter is 10");

        var error = Assert.ThrowsAsync<InvalidSubmissionException>(() => world.Engine.ActAsync(
            new TaskActionRequest(adjust.Id, TaskActions.Submit, adjust.Assignee)
            {
                FormChanges = new JsonObject { ["plannedQuantity"] = 1_000_000_000_000m },
                Culture = new CultureInfo("zh-CN"),
            },
            CancellationToken.None));

        var failure = error!.Errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(failure.Path, Is.EqualTo("plannedQuantity"));
            Assert.That(failure.Code, Is.EqualTo("rule"));
            Assert.That(failure.Message, Does.StartWith("计划采购量 1,000,000,000,000 超过计划采购上限 "));
        });
        var instance = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance;
        Assert.That(Number(instance.Form["plannedQuantity"]), Is.EqualTo(suggested), "nothing stored");

        await ActAsync(world, adjust, TaskActions.Submit, new JsonObject { ["plannedQuantity"] = limit });
        var stored = (await world.Engine.GetInstanceAsync(child.Id, CancellationToken.None))!.Instance;
        Assert.That(Number(stored.Form["plannedQuantity"]), Is.EqualTo(limit));
    }

    private static async Task<ReplenishmentWorld> StartedWorldAsync(Func<ReplenishmentWorld, Task>? addData = null)
    {
        var world = await ReplenishmentWorld.CreateAsync(CraftedHistory.BeforeRun);
        await CraftedHistory.LoadAsync(world);
        if (addData is not null)
        {
            await addData(world);
        }

        foreach (var key in new[] { "replenishment-watch" })
        {
            await world.Engine.SyncSchedulesAsync(
                await world.Definitions.GetAsync(key, null, CancellationToken.None), CancellationToken.None);
        }

        world.Time.SetUtcNow(RunAt);
        await world.RunDueWorkAsync();
        return world;
    }

    private static async Task<IReadOnlyList<WorkflowInstance>> ReplenishmentsAsync(ReplenishmentWorld world) =>
        await world.Engine.QueryInstancesAsync(new InstanceQuery { FlowKey = "replenishment" }, CancellationToken.None);

    private static Task<TaskActionResult> ActAsync(ReplenishmentWorld world, WorkTask task, string action, JsonObject? changes) =>
        world.Engine.ActAsync(
            new TaskActionRequest(task.Id, action, task.Assignee) { FormChanges = changes }, CancellationToken.None);

    private static decimal Number(JsonNode? node) => node!.GetValue<decimal>();
}
