namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// The workflow uses something the rehearsal does not know (an expression function, an operator, a context, an action,
/// a key), or a stand-in was called in a way it does not understand: the rehearsal stops rather than guess.
/// </summary>
public sealed class WorkflowRehearsalException : Exception
{
    public WorkflowRehearsalException()
    {
    }

    public WorkflowRehearsalException(string message)
        : base(message)
    {
    }

    public WorkflowRehearsalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
