using System.Diagnostics;
using System.Globalization;
using SessionApp.Tests.Workflows.Rehearsal.Actions;
using YamlDotNet.RepresentationModel;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// Runs one job of a workflow as GitHub Actions would, step by step, on this machine. The workflow is read with
/// YamlDotNet and every <c>${{ }}</c> evaluated where it stands (env at every level, <c>with:</c>, <c>run:</c> text
/// before the script starts, <c>if:</c> with GitHub's implicit <c>success()</c>, environment, concurrency,
/// working-directory). Every <c>run:</c> script runs unchanged, in order, with bash as <c>shell: bash</c> does, from the
/// checked-out repository root, with GitHub's variables and environment files. The jobs it needs that call a reusable
/// workflow (the <c>test</c> job: ci.yml, i.e. ./test.sh, which is the suite running this) are evaluated, not run: a
/// true <c>if:</c> is taken as success. <c>uses:</c> steps are played by the emulators in <see cref="ActionEmulators"/>.
/// <para>
/// Stand-ins only for what needs an AWS account, first on PATH (<see cref="StandIns"/>): <c>aws</c> (ECR's
/// describe-images, answered from a loopback registry), <c>npx</c> (only <c>aws-cdk deploy</c>, recorded and checked
/// as CloudFormation would), and the smoke test under <c>dotnet run</c> (it needs the deployed site). Everything else is
/// real: dotnet, jq, git, skopeo, the AppHost's publish step, scripts/publish-images.sh pushing to that registry.
/// </para>
/// <para>
/// The one difference from a runner besides the stand-ins: a runner reaches mcr.microsoft.com for the images' base
/// image, this machine does not, so the job's environment also holds <c>ContainerBaseImage</c> (the base image made
/// from this machine's runtime, in the loopback registry; MSBuild reads environment variables as properties, and the
/// SDK's ComputeContainerBaseImage honours a ContainerBaseImage it is given) and
/// <c>DOTNET_CONTAINER_INSECURE_REGISTRIES</c> (that registry is plain HTTP).
/// </para>
/// </summary>
internal sealed class WorkflowRehearsal
{
    private static readonly string[] CallerJobKeys = ["name", "needs", "if", "uses", "with", "permissions", "secrets"];
    private static readonly string[] JobKeys = ["name", "needs", "if", "runs-on", "timeout-minutes", "permissions", "environment", "defaults", "env", "steps", "concurrency"];
    /// <summary>What a runner sets itself, and what the test platform leaves in this process's environment.</summary>
    private static readonly string[] RunnerOwned = ["GITHUB_", "RUNNER_", "ACTIONS_", "TESTINGPLATFORM_", "DOTNET_CLI_TEST_"];

    private readonly RehearsalSetup _setup;
    private readonly RehearsalEvent _event;
    private readonly WorkflowFile _workflow;
    private readonly RehearsalRecord _record;
    private readonly string _runnerTemp;
    private readonly RunnerEnvironment _runner;
    private readonly Dictionary<string, ContextObject> _contexts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _jobResults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private readonly List<string> _path = [];
    private bool _failed;

    private WorkflowRehearsal(RehearsalSetup setup, RehearsalEvent trigger)
    {
        _setup = setup;
        _event = trigger;
        _workflow = WorkflowFile.Load(setup.Workflow);
        var workspace = Directory.CreateDirectory(Path.Combine(setup.Directory, "work", "SessionApp", "SessionApp")).FullName;
        _runnerTemp = Directory.CreateDirectory(Path.Combine(setup.Directory, "runner-temp")).FullName;
        var standIns = StandIns.Install(setup.Directory, setup.RegistryHost, setup.Account ?? Path.Combine(setup.Directory, "account"));
        _record = new RehearsalRecord(trigger, workspace, standIns, setup.Log) { RunnerTemp = _runnerTemp };
        _runner = new RunnerEnvironment(setup, trigger, workspace, _runnerTemp, standIns.Bin);
        _contexts["github"] = GitHubContext.Create(trigger, workspace);
        _contexts["inputs"] = WorkflowInputs.Context(_workflow, trigger);
        _contexts["vars"] = ContextObject.Of("vars", trigger.Vars);
        _contexts["runner"] = new ContextObject("runner", strict: true) { ["temp"] = _runnerTemp, ["os"] = "Linux", ["arch"] = "X64" };
    }

    public static async Task<RehearsalRecord> RunAsync(RehearsalSetup setup, RehearsalEvent trigger)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var watch = Stopwatch.StartNew();
        var rehearsal = new WorkflowRehearsal(setup, trigger);
        try
        {
            await rehearsal.RunWorkflowAsync();
        }
        finally
        {
            rehearsal._record.Finish(watch.Elapsed);
        }

        return rehearsal._record;
    }

    private async Task RunWorkflowAsync()
    {
        if (!WorkflowTriggers.Starts(_workflow, _event.EventName, _event.Ref))
        {
            throw new WorkflowRehearsalException($"{_workflow.Name} does not start on {_event.EventName} of {_event.Ref}.");
        }

        var workflowScope = Scope(succeeded: true, failed: false);
        _record.Concurrency = Concurrency(_workflow.Root, workflowScope);
        Evaluate(WorkflowFile.Pairs(_workflow.Root, "env"), _env, workflowScope);
        foreach (var job in _workflow.Jobs.Children)
        {
            var id = WorkflowFile.Text(job.Key)!;
            var definition = (YamlMappingNode)job.Value;
            if (id == _setup.Job)
            {
                await RunJobAsync(definition);
            }
            else if (WorkflowFile.Get(definition, "uses") is not null)
            {
                WorkflowFile.Expect(definition, $"job '{id}'", CallerJobKeys);
                var scope = NeedsScope(definition);
                _jobResults[id] = ExpressionTemplate.Condition(WorkflowFile.Text(definition, "if"), scope) ? "success" : "skipped";
                _record.Write($"job {id} ({WorkflowFile.Text(definition, "uses")}): evaluated, not run: {_jobResults[id]}");
            }
            else
            {
                throw new WorkflowRehearsalException($"The rehearsal runs the job '{_setup.Job}' and evaluates jobs that call a reusable workflow; '{id}' is neither.");
            }
        }
    }

    private async Task RunJobAsync(YamlMappingNode job)
    {
        WorkflowFile.Expect(job, $"job '{_setup.Job}'", JobKeys);
        var scope = NeedsScope(job);
        foreach (var need in _contexts["needs"].Names)
        {
            _record.Needs[need] = _jobResults[need];
        }

        if (!ExpressionTemplate.Condition(WorkflowFile.Text(job, "if"), scope))
        {
            _record.Result = "skipped";
            _record.Write($"job {_setup.Job}: skipped by its if:");
            return;
        }

        _record.JobName = ExpressionTemplate.Substitute(WorkflowFile.Text(job, "name") ?? _setup.Job, scope);
        switch (WorkflowFile.Get(job, "environment"))
        {
            case YamlMappingNode environment:
                WorkflowFile.Expect(environment, "environment", "name", "url");
                _record.Environment = ExpressionTemplate.Substitute(WorkflowFile.Text(environment, "name") ?? string.Empty, scope);
                _record.EnvironmentUrl = ExpressionTemplate.Substitute(WorkflowFile.Text(environment, "url") ?? string.Empty, scope);
                break;
            case YamlScalarNode name:
                _record.Environment = ExpressionTemplate.Substitute(name.Value ?? string.Empty, scope);
                break;
        }

        _record.Concurrency = Concurrency(job, scope) ?? _record.Concurrency;
        var defaults = RunDefaults(job);
        var jobEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        Evaluate(WorkflowFile.Pairs(job, "env"), jobEnvironment, scope.With(ContextObject.Of("env", _env)));
        foreach (var (name, value) in jobEnvironment)
        {
            _env[name] = value;
            _record.JobEnvironment[name] = value;
        }

        var minutes = WorkflowFile.Text(job, "timeout-minutes") is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : 360;
        var deadline = Stopwatch.StartNew();
        var steps = new JobSteps(WorkflowFile.Get(job, "steps") as YamlSequenceNode ?? throw new WorkflowRehearsalException($"The job '{_setup.Job}' has no steps."));
        _contexts["steps"] = steps.Context;
        foreach (var (number, step) in steps.All)
        {
            _contexts["env"] = ContextObject.Of("env", _env);
            var record = steps.Record(number, Scope(!_failed, _failed));
            _record.Steps.Add(record);
            var remaining = TimeSpan.FromMinutes(minutes) - deadline.Elapsed;
            await RunStepAsync(step, record, defaults, remaining < _setup.StepTimeout ? remaining : _setup.StepTimeout);
            steps.Finished(record);
            _failed |= record.Outcome == "failure";
        }

        _record.Result = _failed ? "failure" : "success";
    }

    private async Task RunStepAsync(YamlMappingNode step, StepRecord record, (string Shell, string? WorkingDirectory) defaults, TimeSpan timeout)
    {
        var scope = Scope(!_failed, _failed);
        if (!ExpressionTemplate.Condition(WorkflowFile.Text(step, "if"), scope))
        {
            _record.Write($"step {record.Number} '{record.Name}': skipped");
            return;
        }

        _record.Write($"step {record.Number} '{record.Name}'");
        var watch = Stopwatch.StartNew();
        var stepEnvironment = new Dictionary<string, string>(_env, StringComparer.Ordinal);
        Evaluate(WorkflowFile.Pairs(step, "env"), stepEnvironment, scope);
        scope = scope.With(ContextObject.Of("env", stepEnvironment));
        var environment = _runner.For(_path, stepEnvironment);
        if (timeout <= TimeSpan.Zero)
        {
            record.Outcome = "failure";
            record.Failure = "The job ran past its timeout-minutes.";
        }
        else if (WorkflowFile.Text(step, "uses") is { } uses)
        {
            await PlayActionAsync(uses, step, record, scope, environment);
        }
        else
        {
            var shell = WorkflowFile.Text(step, "shell") ?? defaults.Shell;
            if (shell != "bash")
            {
                throw new WorkflowRehearsalException($"Step '{record.Name}' runs with shell '{shell}'; the rehearsal knows only bash.");
            }

            record.Script = ExpressionTemplate.Substitute(WorkflowFile.Text(step, "run")!, scope);
            var directory = ExpressionTemplate.Substitute(WorkflowFile.Text(step, "working-directory") ?? defaults.WorkingDirectory ?? ".", scope);
            var stepTimeout = WorkflowFile.Text(step, "timeout-minutes") is { } minutes ? TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture)) : timeout;
            var run = await BashStep.RunAsync(
                record.Script, Path.Combine(_record.Workspace, directory), environment, _runnerTemp, stepTimeout < timeout ? stepTimeout : timeout, _record.Masks, line => _record.Write($"  | {line}"));
            (record.ExitCode, record.Output, record.Failure, record.Summary) = (run.ExitCode, run.Output, run.Failure, run.Summary);
            Keep(run.Outputs, record.Outputs);
            Keep(run.Environment, _env);
            _path.InsertRange(0, run.Path.Reverse());
            record.Outcome = run.Failure is null ? "success" : "failure";
        }

        record.Duration = watch.Elapsed;
        _record.Write($"step {record.Number} '{record.Name}': {record.Outcome} in {record.Duration.TotalSeconds:F1} s{(record.Failure is null ? string.Empty : ": " + record.Failure)}");
    }

    private async Task PlayActionAsync(string uses, YamlMappingNode step, StepRecord record, ExpressionScope scope, Dictionary<string, string> environment)
    {
        var with = new Dictionary<string, string>(StringComparer.Ordinal);
        Evaluate(WorkflowFile.Pairs(step, "with"), with, scope);
        var emulator = ActionEmulators.For(uses, with.Keys);
        record.Action = new ActionRecord(emulator.Action, uses.Split('@') is [_, var version] ? version : string.Empty, with);
        var call = new ActionCall(record.Action, _setup, _event, _record.Workspace, environment);
        record.Failure = await emulator.RunAsync(call);
        Keep(call.Outputs, record.Outputs);
        Keep(call.Exported, _env);
        foreach (var (name, note) in record.Action.Notes)
        {
            _record.Write($"  | {emulator.Action}: {name} = {note}");
        }

        record.Outcome = record.Failure is null ? "success" : "failure";
    }

    private ExpressionScope Scope(bool succeeded, bool failed) => new(_contexts, succeeded, failed);

    /// <summary>A job's <c>needs</c> context (each needed job's result, from those evaluated before it) and its status.</summary>
    private ExpressionScope NeedsScope(YamlMappingNode job)
    {
        var needs = new ContextObject("needs", strict: true);
        foreach (var need in WorkflowFile.List(job, "needs"))
        {
            var result = _jobResults.TryGetValue(need, out var known) ? known : throw new WorkflowRehearsalException($"A job needs '{need}', which comes after it or does not exist.");
            needs[need] = new ContextObject($"needs.{need}", strict: true) { ["result"] = result, ["outputs"] = new ContextObject($"needs.{need}.outputs", strict: false) };
        }

        _contexts["needs"] = needs;
        var results = needs.Names.Select(n => _jobResults[n]).ToList();
        return Scope(results.All(r => r == "success"), results.Contains("failure"));
    }

    private static (string Group, string CancelInProgress)? Concurrency(YamlMappingNode owner, ExpressionScope scope)
    {
        switch (WorkflowFile.Get(owner, "concurrency"))
        {
            case null:
                return null;
            case YamlMappingNode concurrency:
                WorkflowFile.Expect(concurrency, "concurrency", "group", "cancel-in-progress");
                return (ExpressionTemplate.Substitute(WorkflowFile.Text(concurrency, "group") ?? string.Empty, scope),
                        ExpressionTemplate.Substitute(WorkflowFile.Text(concurrency, "cancel-in-progress") ?? "false", scope));
            case var group:
                return (ExpressionTemplate.Substitute(WorkflowFile.Text(group) ?? string.Empty, scope), "false");
        }
    }

    private (string Shell, string? WorkingDirectory) RunDefaults(YamlMappingNode job)
    {
        var shell = "bash";
        string? directory = null;
        foreach (var owner in new[] { _workflow.Root, job })
        {
            if (WorkflowFile.Mapping(owner, "defaults") is { } defaults)
            {
                WorkflowFile.Expect(defaults, "defaults", "run");
                var run = WorkflowFile.Mapping(defaults, "run") ?? new YamlMappingNode();
                WorkflowFile.Expect(run, "defaults.run", "shell", "working-directory");
                shell = WorkflowFile.Text(run, "shell") ?? shell;
                directory = WorkflowFile.Text(run, "working-directory") ?? directory;
            }
        }

        return (shell, directory);
    }

    /// <summary>Evaluates <c>env:</c> or <c>with:</c> values into <paramref name="into"/>.</summary>
    private static void Evaluate(IEnumerable<KeyValuePair<string, string>> values, Dictionary<string, string> into, ExpressionScope scope)
    {
        foreach (var (name, value) in values)
        {
            into[name] = ExpressionTemplate.Substitute(value, scope);
        }
    }

    private static void Keep(IEnumerable<KeyValuePair<string, string>> values, Dictionary<string, string> into)
    {
        foreach (var (name, value) in values)
        {
            into[name] = value;
        }
    }
}
