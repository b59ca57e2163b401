namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>Small Elsa 3 flows the runtime tests import (file name = definition id).</summary>
public static class TestFlows
{
    public const string WaitForEvent = "wait-for-event";
    public const string WaitOneHour = "wait-one-hour";
    public const string HttpEcho = "http-echo";

    /// <summary>Waits for the event "Work", then dispatches a <see cref="WaitForEvent"/> child (correlated by its own id) and keeps its burst busy for 150 ms (a script that allocates little: scripts have a memory limit) before it finishes.</summary>
    public const string WaitThenWork = "wait-then-work";

    /// <summary>A script that faults until the wall clock passes the input <c>NotBefore</c> (Unix milliseconds), then a line.</summary>
    public const string FaultsUntil = "faults-until";

    /// <summary>One inbox task whose candidates, assignee, priority and due time come from the input.</summary>
    public const string OneUserTask = "one-user-task";

    public static IEnumerable<(string Name, string Json)> All =>
    [
        (WaitForEvent, Flowchart(WaitForEvent,
            """
            { "id": "Before", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "before" } } },
            { "id": "Go", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "Go" } } },
            { "id": "After", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "after" } } }
            """,
            """
            { "source": "Before", "target": "Go", "sourcePort": "Done", "targetPort": "In" },
            { "source": "Go", "target": "After", "sourcePort": "Done", "targetPort": "In" }
            """)),
        (WaitThenWork, Flowchart(WaitThenWork,
            """
            { "id": "Work", "type": "Elsa.Event", "version": 1, "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "Work" } } },
            {
              "id": "Child", "type": "Elsa.DispatchWorkflow", "version": 1,
              "workflowDefinitionId": { "typeName": "String", "expression": { "type": "Literal", "value": "wait-for-event" } },
              "correlationId": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'child-of-' + workflowInstanceId" } }
            },
            { "id": "Busy", "type": "Elsa.RunJavaScript", "version": 1, "script": { "typeName": "String", "expression": { "type": "Literal", "value": "var until = Date.now() + 150; while (Date.now() < until) { }" } } }
            """,
            """
            { "source": "Work", "target": "Child", "sourcePort": "Done", "targetPort": "In" },
            { "source": "Child", "target": "Busy", "sourcePort": "Done", "targetPort": "In" }
            """)),
        (FaultsUntil, Flowchart(FaultsUntil,
            """
            { "id": "Check", "type": "Elsa.RunJavaScript", "version": 1, "script": { "typeName": "String", "expression": { "type": "Literal", "value": "if (Date.now() < getInput('NotBefore')) throw new Error('not yet');" } } },
            { "id": "After", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "passed" } } }
            """,
            """
            { "source": "Check", "target": "After", "sourcePort": "Done", "targetPort": "In" }
            """)),
        (WaitOneHour, Flowchart(WaitOneHour,
            """
            { "id": "Wait", "type": "Elsa.Delay", "version": 1, "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "01:00:00" } } },
            { "id": "After", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "woke up" } } }
            """,
            """
            { "source": "Wait", "target": "After", "sourcePort": "Done", "targetPort": "In" }
            """)),
        (HttpEcho, Flowchart(HttpEcho,
            """
            {
              "id": "Request", "type": "Elsa.HttpEndpoint", "version": 1, "customProperties": { "canStartWorkflow": true },
              "path": { "typeName": "String", "expression": { "type": "Literal", "value": "orders/{id}" } },
              "supportedMethods": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"POST\"]" } },
              "authorize": { "typeName": "Boolean", "expression": { "type": "Literal", "value": true } }
            },
            {
              "id": "Respond", "type": "Elsa.WriteHttpResponse", "version": 1,
              "statusCode": { "typeName": "HttpStatusCode", "expression": { "type": "Literal", "value": "Created" } },
              "content": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "({ id: getOutputFrom('Request', 'RouteData').id, name: getOutputFrom('Request', 'ParsedContent').name })" } },
              "contentType": { "typeName": "String", "expression": { "type": "Literal", "value": "application/json" } }
            }
            """,
            """
            { "source": "Request", "target": "Respond", "sourcePort": "Done", "targetPort": "In" }
            """)),
        (OneUserTask, Flowchart(OneUserTask,
            """
            {
              "id": "Task", "type": "CrmFlow.UserTask", "version": 1,
              "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Check it" } },
              "assignee": { "typeName": "String", "expression": { "type": "JavaScript", "value": "getInput('Assignee') || null" } },
              "candidateUsers": { "typeName": "String[]", "expression": { "type": "JavaScript", "value": "JSON.parse(getInput('CandidateUsers'))" } },
              "candidateRoles": { "typeName": "String[]", "expression": { "type": "JavaScript", "value": "JSON.parse(getInput('CandidateRoles'))" } },
              "priority": { "typeName": "Int32", "expression": { "type": "JavaScript", "value": "getInput('Priority')" } },
              "dueAt": { "typeName": "DateTimeOffset", "expression": { "type": "JavaScript", "value": "getInput('DueAt') || null" } }
            },
            { "id": "After", "type": "Elsa.WriteLine", "version": 1, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "done" } } }
            """,
            """
            { "source": "Task", "target": "After", "sourcePort": "Done", "targetPort": "In" }
            """)),
    ];

    private static string Flowchart(string id, string activities, string connections) =>
        "{ \"id\": \"" + id + "-v1\", \"definitionId\": \"" + id + "\", \"name\": \"" + id + "\", \"version\": 1, \"isPublished\": true, \"isLatest\": true, " +
        "\"root\": { \"id\": \"Flow\", \"type\": \"Elsa.Flowchart\", \"version\": 1, \"activities\": [" + activities + "], \"connections\": [" + connections + "] } }";
}
