package dev.spectron.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Answers in the documented wire shapes, written with single quotes for legibility. */
final class WireSamples {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES).build();

    static final String SESSION = """
            {'id':'s1','scope':{'user':'alice'},'metadata':{'channel':'web'},'extract':'turn',
             'status':'open','createdAt':'2025-01-02T03:04:05Z','futureField':{'x':1}}""";

    static final String TURN = """
            {'id':'t1','sessionId':'s1','seq':1,'role':'user','speaker':'Alice',
             'content':'I prefer vegetarian food.','createdAt':'2025-01-02T03:04:06Z',
             'observedAt':'2025-01-02T03:00:00Z','metadata':{'msg':'m1'}}""";

    static final String DIFF = """
            {'turnId':'t1','entities':[{'id':'e1','type':'person','name':'alice','isNew':true}],
             'attributes':[{'id':'a1','entity':'person/alice','key':'food_preference',
                            'value':'vegetarian','decision':'add'}],
             'relations':[],'instructions':[],'uncertainties':[],'corrections':[]}""";

    static final String HIT = """
            {'id':'a1','kind':'attribute','text':'alice food_preference = vegetarian',
             'score':0.87,'entity':'person/alice',
             'source':{'kind':'turn','ref':'turn:t1','sessionId':'s1','turnId':'t1',
                       'metadata':{'msg':'m1'}},
             'validFrom':'2025-01-02T03:04:06Z','validUntil':null,
             'createdAt':'2025-01-02T03:04:06Z'}""";

    static final String RECALL = "{'hits':[" + HIT + "],'formatted':'- vegetarian',"
            + "'queryMs':3.5,'traceId':'tr1'}";

    static final String CONTEXT = "{'formatted':'Alice is vegetarian.','items':[" + HIT + "],"
            + "'tier':'facts'}";

    private WireSamples() {}

    /** Strict JSON text of a single-quoted sample. */
    static String json(String sample) {
        return tree(sample).toString();
    }

    /** A parsed JSON tree of a sample, single quotes allowed. */
    static JsonNode tree(String sample) {
        try {
            return LENIENT.readTree(sample);
        } catch (Exception e) {
            throw new IllegalArgumentException(sample, e);
        }
    }
}
