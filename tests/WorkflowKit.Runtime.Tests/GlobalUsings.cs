global using WorkflowKit.Runtime.Tests.Support;
global using WorkflowKit.Storage;
