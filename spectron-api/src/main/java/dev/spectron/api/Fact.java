package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An attribute or a relation: the two kinds of structured fact, told apart on the wire by their
 * fields ({@code key}/{@code value} against {@code label}/{@code object}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(Attribute.class), @JsonSubTypes.Type(Relation.class)})
public sealed interface Fact permits Attribute, Relation {
    /** The fact's id. */
    String id();

    /** Its status. */
    FactStatus status();
}
