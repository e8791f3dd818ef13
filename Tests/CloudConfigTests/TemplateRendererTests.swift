import CloudConfig
import ProvisionModel
import Testing

@Suite struct TemplateRendererTests {
    func render(_ text: String, _ context: [String: Value], file: String = "t.tmpl") throws -> String {
        try CompiledTemplate(file: file, text: text).render(context)
    }

    func renderError(_ text: String, _ context: [String: Value], file: String = "t.tmpl") -> TemplateError? {
        do {
            _ = try CompiledTemplate(file: file, text: text).render(context)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingVariableNamesFileLineAndVariable() {
        let text = "#cloud-config\n\n\n\n\n\nhostname: {{machine.hostnme}}\n"
        let error = renderError(text, ["machine": .object(["hostname": .string("n1")])],
                                file: "profiles/etcd-member.yaml.tmpl")
        #expect(error == .missingVariable(file: "profiles/etcd-member.yaml.tmpl", line: 7, name: "machine.hostnme"))
        #expect(error?.description == "profiles/etcd-member.yaml.tmpl:7: missing variable 'machine.hostnme'")
    }

    @Test func dottedNamesResolveThroughNestedObjects() throws {
        let context: [String: Value] = ["machine": .object(["labels": .object(["rack": .string("r12")]), "port": .int(8)])]
        #expect(try render("{{machine.labels.rack}}/{{machine.port}}", context) == "r12/8")
    }

    @Test func dottedNameThroughAScalarIsMissing() {
        let context: [String: Value] = ["machine": .object(["name": .string("n1")])]
        #expect(renderError("{{machine.name.first}}", context) == .missingVariable(file: "t.tmpl", line: 1, name: "machine.name.first"))
    }

    @Test(arguments: ["{{x}}", "{{{x}}}", "{{&x}}"])
    func outputIsNeverHTMLEscaped(_ tag: String) throws {
        let context: [String: Value] = ["x": .string("a&b <c> \"d\" 'e'")]
        #expect(try render("value: \(tag)", context) == "value: a&b <c> \"d\" 'e'")
    }

    @Test func noEscapingInsideSectionsEither() throws {
        let context: [String: Value] = ["keys": .array([.string("k&1"), .string("k<2>")])]
        #expect(try render("{{#keys}}- {{.}}\n{{/keys}}", context) == "- k&1\n- k<2>\n")
    }

    @Test func sectionsOverFalseNullEmptyStringOrEmptyListAreSkippedNotErrors() throws {
        let context: [String: Value] = [
            "flag": .bool(false), "none": .null, "url": .string(""), "keys": .array([]),
        ]
        let text = "{{#flag}}{{nope1}}{{/flag}}{{#none}}{{nope2}}{{/none}}{{#url}}{{nope3}}{{/url}}{{#keys}}{{nope4}}{{/keys}}end"
        #expect(try render(text, context) == "end")
    }

    @Test func invertedSectionRendersForEmptyValues() throws {
        let context: [String: Value] = ["url": .string(""), "keys": .array([]), "name": .string("n")]
        #expect(try render("{{^url}}no-url {{/url}}{{^keys}}no-keys {{/keys}}{{^name}}no-name{{/name}}", context)
                == "no-url no-keys ")
    }

    @Test func sectionNamingAMissingVariableIsAnError() {
        #expect(renderError("a\n{{#machine.labelz}}x{{/machine.labelz}}", ["machine": .object([:])])
                == .missingVariable(file: "t.tmpl", line: 2, name: "machine.labelz"))
    }

    @Test func missingVariableInsideAListIsFoundPerElement() {
        let context: [String: Value] = ["users": .array([.object(["name": .string("a"), "shell": .string("/bin/sh")]),
                                                         .object(["name": .string("b")])])]
        #expect(renderError("{{#users}}\n{{name}} {{shell}}\n{{/users}}", context)
                == .missingVariable(file: "t.tmpl", line: 2, name: "shell"))
    }

    @Test func namesInsideASectionFallBackToOuterScopes() throws {
        let context: [String: Value] = ["domain": .string("example.org"),
                                        "hosts": .array([.object(["name": .string("a")]), .object(["name": .string("b")])])]
        #expect(try render("{{#hosts}}{{name}}.{{domain}} {{/hosts}}", context) == "a.example.org b.example.org ")
    }

    @Test func objectSectionPushesScope() throws {
        let context: [String: Value] = ["machine": .object(["name": .string("n1"), "ip": .string("10.0.0.1")])]
        #expect(try render("{{#machine}}{{name}}={{ip}}{{/machine}}", context) == "n1=10.0.0.1")
    }

    @Test func scalarsRenderAsText() throws {
        let context: [String: Value] = ["i": .int(3), "d": .double(1.5), "b": .bool(true), "n": .null]
        #expect(try render("{{i}} {{d}} {{b}} [{{n}}]", context) == "3 1.5 true []")
    }

    @Test func commentsAndDelimiterChangesAreUnderstood() throws {
        let context: [String: Value] = ["a": .string("1")]
        #expect(try render("{{! mentions {{missing }}{{=<% %>=}}<%a%> {{a}}", context) == "1 {{a}}")
        #expect(renderError("{{=<% %>=}}\n<%b%>", context) == .missingVariable(file: "t.tmpl", line: 2, name: "b"))
    }

    @Test func firstLineIsUnchangedAndStandaloneTagsVanish() throws {
        let context: [String: Value] = ["keys": .array([.string("k1")])]
        let text = "#cloud-config\nssh_authorized_keys:\n{{#keys}}\n  - {{.}}\n{{/keys}}\nhostname: x\n"
        #expect(try render(text, context) == "#cloud-config\nssh_authorized_keys:\n  - k1\nhostname: x\n")
    }

    @Test(arguments: [
        ("a\n{{#open}}\nx", TemplateError.syntax(file: "t.tmpl", line: 2, column: 1, message: "section 'open' is never closed")),
        ("{{#a}}{{/b}}", .syntax(file: "t.tmpl", line: 1, column: 7, message: "closing tag '/b' does not match section 'a' opened on line 1")),
        ("x {{name", .syntax(file: "t.tmpl", line: 1, column: 3, message: "tag is never closed")),
        ("\n  {{> partial}}", .unsupported(file: "t.tmpl", line: 2, column: 3, tag: "> partial")),
    ])
    func malformedTemplatesFailToCompileWithPosition(_ text: String, _ expected: TemplateError) {
        #expect(throws: expected) { try CompiledTemplate(file: "t.tmpl", text: text) }
    }

    @Test func rendererLooksUpTemplatesByName() throws {
        let renderer = TemplateRenderer(templates: ["a.tmpl": try CompiledTemplate(file: "p/a.tmpl", text: "hi {{x}}")])
        #expect(try renderer.render("a.tmpl", context: ["x": .string("there")]) == "hi there")
        #expect(throws: TemplateError.unknownTemplate("b.tmpl")) { try renderer.render("b.tmpl", context: [:]) }
    }
}
